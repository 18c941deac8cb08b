package org.landatlas.parcel;

/** The GraphQL input ParcelOrder: a sort key (ID, AREA, CODE or DISTANCE) and a direction (ASC by default). */
record ParcelOrder(String field, String direction) {
}
