/**
 * Classes the list's header and rows share. A column hidden below this width must be hidden in both, or the
 * cells of a fixed-layout table shift under the wrong headers.
 */
export const WIDE_ONLY = 'max-[1400px]:hidden';
