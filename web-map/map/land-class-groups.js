// The land-class groups from their one source, gis-data/land-class-groups.json, which the server reads too
// (tile filter values, statistics names, its checks of the GraphQL enum and the land_class rows).
import groups from '../../gis-data/land-class-groups.json';

/** Group codes in legend and filter order, as tiles carry them in class_group. */
export const CLASS_GROUPS = groups.map((g) => g.code);
export const GROUP_COLOURS = Object.fromEntries(groups.map((g) => [g.code, g.colour]));
/** The 'cg.<code>' messages of one language: field 'name' (Chinese) or 'nameEn'. */
export const groupMessages = (field) => Object.fromEntries(groups.map((g) => [`cg.${g.code}`, g[field]]));
