/** What a CLI command may touch, injected so commands are testable. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  out(line: string): void;
  err(line: string): void;
}
