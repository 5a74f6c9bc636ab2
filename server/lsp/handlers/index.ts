/** Every feature's handlers; startServer merges their capabilities and registers them. */
import type { HandlerModule } from './types';

export const HANDLERS: readonly HandlerModule[] = [
];
