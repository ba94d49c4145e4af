// zod for code that runs in the page: its small build (zod/mini), imported part by part. The full
// build (or zod/mini imported whole, which takes in all of zod's core) was a 413-431 KB script on
// the terminal pages, parsed before they could start their machine; this is 83 KB. zod's JIT compiles
// parsers with `new Function`, which the site's Content-Security-Policy (no 'unsafe-eval')
// refuses: merely probing for it shows up as a CSP violation on every page. jitless parsing is
// plenty for the few small records we check. (Lesson files are checked at build time, with the
// full zod and its messages: app/_lib/content/.)
import {
  boolean,
  config,
  enum as enumOf,
  int,
  literal,
  minLength,
  nonnegative,
  nullable,
  object,
  optional,
  positive,
  record,
  regex,
  startsWith,
  strictObject,
  string,
  type infer as Infer,
} from "zod/mini";

config({ jitless: true });

/** The parts of zod/mini the page uses (add one here to use it), as `z.object(...)` etc. */
export const z = { boolean, enum: enumOf, int, literal, minLength, nonnegative, nullable, object, optional, positive, record, regex, startsWith, strictObject, string };
/** `z.infer<typeof schema>`, as with zod's own `z`. */
export declare namespace z {
  export type infer<T> = Infer<T>;
}
