-- Land parcels (地类图斑, the 三调 DLTB layer). Field names follow the survey database so imports map 1:1.
CREATE TABLE land_parcel (
    id              bigserial PRIMARY KEY,
    bsm             varchar(18) NOT NULL UNIQUE,           -- 标识码
    tbbh            varchar(8) NOT NULL,                   -- 图斑编号, unique within the location unit
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) NOT NULL REFERENCES admin_unit (code),
    class_system    text NOT NULL DEFAULT '三调工作分类',
    dlbm            varchar(6) NOT NULL,                   -- 地类编码
    dlmc            text NOT NULL,                         -- 地类名称
    qsxz            varchar(2) NOT NULL CHECK (qsxz IN ('10', '20', '30', '31', '32', '33', '34', '40')), -- 权属性质
    qsdwdm          varchar(19) NOT NULL CHECK (qsdwdm ~ '^[0-9]{19}$'), -- 权属单位代码
    qsdwmc          text NOT NULL,                         -- 权属单位名称
    zldwdm          varchar(19) NOT NULL CHECK (zldwdm ~ '^[0-9]{19}$'), -- 坐落单位代码
    zldwmc          text NOT NULL,                         -- 坐落单位名称
    tbmj            numeric(15, 2) NOT NULL CHECK (tbmj > 0),            -- 图斑面积 m² (ellipsoidal)
    kcdlbm          varchar(6),                            -- 扣除地类编码 (1203 田坎 for cropland)
    kcxs            numeric(6, 4) NOT NULL DEFAULT 0 CHECK (kcxs >= 0 AND kcxs < 1), -- 扣除系数
    kcmj            numeric(15, 2) NOT NULL DEFAULT 0,    -- 扣除面积 = TBMJ × KCXS
    tbdlmj          numeric(15, 2) NOT NULL,               -- 图斑地类面积 = TBMJ − KCMJ (use for statistics)
    gdlx            varchar(2) CHECK (gdlx IN ('TT', 'PD', 'FD')), -- 耕地类型: terraced, sloping, flat
    gdpdjb          varchar(2) CHECK (gdpdjb IN ('1', '2', '3', '4', '5')), -- 耕地坡度级别
    zzsxdm          varchar(6) CHECK (zzsxdm IN ('LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG', 'JKHF', 'GCHF')), -- 种植属性
    zzsxmc          text,
    gddb            smallint CHECK (gddb BETWEEN 1 AND 15),  -- 耕地等别
    czcsxm          varchar(4),                            -- 城镇村属性码
    sjnf            smallint NOT NULL CHECK (sjnf BETWEEN 2009 AND 2100), -- 数据年份
    bz              text,                                  -- 备注
    -- Ellipsoidal area of geom computed by LandAtlas (may differ slightly from the surveyed TBMJ).
    area_m2         double precision NOT NULL CHECK (area_m2 > 0),
    area_mu         double precision GENERATED ALWAYS AS (area_m2 * 3 / 2000) STORED,
    -- Terrain statistics over the parcel, from the county DEM.
    elevation_mean_m double precision,
    elevation_min_m  double precision,
    elevation_max_m  double precision,
    slope_mean_deg   double precision,
    belt_id         bigint REFERENCES belt (id),
    is_permanent_basic_farmland boolean NOT NULL DEFAULT false,  -- 永久基本农田
    is_high_standard_farmland   boolean NOT NULL DEFAULT false,  -- 高标准农田
    -- Circulation state kept by the circulation feature for filtering and tiles: not listed, listed, circulated.
    circulation_status text NOT NULL DEFAULT 'none' CHECK (circulation_status IN ('none', 'listed', 'circulated')),
    synthetic       boolean NOT NULL DEFAULT true,
    version         integer NOT NULL DEFAULT 0,            -- optimistic locking for edits
    updated_at      timestamptz NOT NULL DEFAULT now(),
    geom            geometry(MultiPolygon, 4490) NOT NULL,
    FOREIGN KEY (class_system, dlbm) REFERENCES land_class (class_system, code),
    CONSTRAINT land_parcel_net_area CHECK (tbdlmj = tbmj - kcmj),
    CONSTRAINT land_parcel_village_in_county CHECK (left(village_code, 6) = county_code),
    CONSTRAINT land_parcel_zldwdm_village CHECK (left(zldwdm, 12) = village_code)
);
CREATE INDEX land_parcel_geom_gist ON land_parcel USING gist (geom);
CREATE INDEX land_parcel_village ON land_parcel (village_code);
CREATE INDEX land_parcel_county_class ON land_parcel (county_code, dlbm);
CREATE UNIQUE INDEX land_parcel_tbbh_in_unit ON land_parcel (zldwdm, tbbh);
COMMENT ON TABLE land_parcel IS '地类图斑: land-use parcels of the land survey (三调 DLTB) with LandAtlas-derived attributes';
