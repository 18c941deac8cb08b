package org.landatlas.region;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

/**
 * An administrative unit: county (6-digit code), township (9) or village (12), with its boundary in CGCS2000.
 * Read-only here: boundaries change through imports, not through entity edits.
 */
@Entity
@Immutable
@Table(name = "admin_unit")
public class AdminUnit {

    @Id
    private String code;
    private String level;
    private String name;
    private String kind;
    @Column(name = "parent_code")
    private String parentCode;
    @Column(name = "county_code")
    private String countyCode;
    @Column(name = "province_name")
    private String provinceName;
    @Column(name = "city_name")
    private String cityName;
    private Integer population;
    private Integer households;
    @Column(name = "area_m2")
    private Double areaM2;
    private boolean synthetic;
    private MultiPolygon boundary;
    private Point seat;

    protected AdminUnit() {
    }

    public String getCode() {
        return code;
    }

    public String getLevel() {
        return level;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public String getParentCode() {
        return parentCode;
    }

    public String getCountyCode() {
        return countyCode;
    }

    public String getProvinceName() {
        return provinceName;
    }

    public String getCityName() {
        return cityName;
    }

    public Integer getPopulation() {
        return population;
    }

    public Integer getHouseholds() {
        return households;
    }

    public Double getAreaM2() {
        return areaM2;
    }

    public boolean isSynthetic() {
        return synthetic;
    }

    public MultiPolygon getBoundary() {
        return boundary;
    }

    public Point getSeat() {
        return seat;
    }
}
