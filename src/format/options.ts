import type { BoilerplatePatterns } from "../../config/boilerplate.js";

/** Options shared by every channel formatter and the preview. */
export interface FormatOptions {
  /** Most posts an X thread may have; 1 = a single post (the default). */
  twitterThreadMax: number;
  /** The newsroom's footer patterns; `DEFAULT_BOILERPLATE` when absent. */
  boilerplate?: BoilerplatePatterns;
}

export const DEFAULT_FORMAT_OPTIONS: FormatOptions = Object.freeze({ twitterThreadMax: 1 });
