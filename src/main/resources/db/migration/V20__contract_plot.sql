-- 确权承包地块 (CBDK): the plots of the rural land contract-right registration (农村土地承包经营权确权登记颁证),
-- imported from a bureau's file (profile cbdk). Keyed by the 19-digit DKBM (发包方编码 FBFBM = village 12 + group 2,
-- then a 5-digit serial). No personal data: the 承包方 is linked by its code only (names stay in schema personal,
-- and the file's CBFMC / ZJRXM are never stored). No foreign keys to admin_unit or household, as with import_job:
-- the demo loader rebuilds its counties' units and households, and imported plots must survive that; the codes are
-- checked by the import profile instead, and the household is found by its code when it is read.
CREATE TABLE contract_plot (
    id              bigserial PRIMARY KEY,
    dkbm            varchar(19) NOT NULL UNIQUE CHECK (dkbm ~ '^[0-9]{19}$'),   -- 地块编码
    county_code     varchar(6) NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    village_code    varchar(12) NOT NULL CHECK (village_code ~ '^[0-9]{12}$' AND left(village_code, 6) = county_code),
    dkmc            text,                                  -- 地块名称
    syqxz           varchar(2),                            -- 所有权性质 10/30/31/32/33/34
    dklb            varchar(2),                            -- 地块类别 10/21/22/23/24/99
    tdlylx          varchar(6),                            -- 土地利用类型 (地类编码)
    dldj            varchar(2),                            -- 地力等级 01–10
    tdyt            varchar(1),                            -- 土地用途 1–5
    sfjbnt          boolean,                               -- 是否基本农田
    scmj_m2         numeric(14, 2) CHECK (scmj_m2 > 0),    -- 实测面积 SCMJ (m²), as the file states it
    dkdz            text,                                  -- 四至: 东
    dknz            text,                                  -- 南
    dkxz            text,                                  -- 西
    dkbz            text,                                  -- 北
    cbhtbm          varchar(30),                           -- 承包合同编码
    lzhtbm          varchar(30),                           -- 流转合同编码
    cbjyqzbm        varchar(30),                           -- 承包经营权证编码
    fbfbm           varchar(14) NOT NULL CHECK (fbfbm ~ '^[0-9]{14}$'),   -- 发包方编码
    cbfbm           varchar(22),                           -- 承包方编码 (as in the file; household.household_no)
    area_m2         double precision NOT NULL,             -- ellipsoidal area of geom computed by LandAtlas
    synthetic       boolean NOT NULL DEFAULT false,
    geom            geometry(MultiPolygon, 4490) NOT NULL
);
CREATE INDEX contract_plot_geom ON contract_plot USING gist (geom);
CREATE INDEX contract_plot_county ON contract_plot (county_code);
CREATE INDEX contract_plot_village ON contract_plot (village_code);
CREATE INDEX contract_plot_household ON contract_plot (cbfbm) WHERE cbfbm IS NOT NULL;
