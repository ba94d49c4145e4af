// zod for code that runs in the page. Its JIT compiles parsers with `new Function`, which the
// site's Content-Security-Policy (no 'unsafe-eval') refuses: merely probing for it shows up as a
// CSP violation on every page. jitless parsing is plenty for the few small records we check.
import { z } from "zod";

z.config({ jitless: true });

export { z };
