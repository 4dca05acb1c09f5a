/** Shared geometry of the tree rows and their column header, so the columns line up. */
export const ROW_HEIGHT_PX = 28;
export const INDENT_PX = 14;
/** Tree | duration | tokens | cost | waterfall. */
export const ROW_GRID = 'grid grid-cols-[minmax(0,1fr)_68px_88px_104px_24%] items-center';
