/** The flags that say where a stack lives, as every stack command takes them. */
export interface TargetFlags {
  local?: boolean;
  region?: string;
  endpoint?: string;
  port?: number;
  stack?: string;
  bucket?: string;
}
