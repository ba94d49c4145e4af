import { themeInitScript } from "./theme";

/** Put inside <head> of every root layout. */
export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />;
}
