package org.landatlas.parcel;

import org.springframework.data.jpa.repository.JpaRepository;

public interface LandParcelRepository extends JpaRepository<LandParcel, Long> {

    long countByCountyCode(String countyCode);
}
