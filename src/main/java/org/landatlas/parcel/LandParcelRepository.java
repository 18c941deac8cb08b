package org.landatlas.parcel;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface LandParcelRepository extends JpaRepository<LandParcel, Long> {

    Optional<LandParcel> findByFeatureId(String featureId);

    long countByCountyCode(String countyCode);
}
