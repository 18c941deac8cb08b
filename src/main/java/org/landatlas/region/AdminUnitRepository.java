package org.landatlas.region;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AdminUnitRepository extends JpaRepository<AdminUnit, String> {

    List<AdminUnit> findByLevelOrderByCode(String level);

    List<AdminUnit> findByParentCodeOrderByCode(String parentCode);
}
