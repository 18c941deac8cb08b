package org.landatlas.parcel;

/**
 * One of the groups land classes are filtered, reported and coloured by (地类大类), as listed in
 * {@code gis-data/land-class-groups.json}.
 *
 * @param code   lower-case code as stored in {@code land_class.class_group} and used by tile filters; the GraphQL enum
 *               value is its upper case
 * @param name   Chinese name, as the API's statistics name the group
 * @param nameEn English name, as the web map labels it
 * @param colour fill colour of the web map, {@code #rrggbb}
 */
public record LandClassGroup(String code, String name, String nameEn, String colour) {
}
