/**
 * Keeps the `capacity` smallest items offered, by `compare`, in a binary max-heap: ORDER BY …
 * LIMIT n over a million rows holds n entries instead of sorting them all.
 */
export class BoundedSelection<T> {
  private readonly heap: T[] = [];

  constructor(private readonly capacity: number, private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.heap.length;
  }

  /** Whether `item` would be kept: the selection has room, or it sorts before the largest kept. */
  wouldKeep(item: T): boolean {
    return this.heap.length < this.capacity || (this.capacity > 0 && this.compare(item, this.heap[0]) < 0);
  }

  offer(item: T): void {
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(item);
      this.siftUp(heap.length - 1);
    } else if (this.capacity > 0 && this.compare(item, heap[0]) < 0) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  /** The kept items, smallest first. */
  sorted(): T[] {
    return [...this.heap].sort(this.compare);
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.compare(heap[at], heap[parent]) <= 0) return;
      [heap[at], heap[parent]] = [heap[parent], heap[at]];
      at = parent;
    }
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let largest = at;
      if (left < heap.length && this.compare(heap[left], heap[largest]) > 0) largest = left;
      if (right < heap.length && this.compare(heap[right], heap[largest]) > 0) largest = right;
      if (largest === at) return;
      [heap[at], heap[largest]] = [heap[largest], heap[at]];
      at = largest;
    }
  }
}
