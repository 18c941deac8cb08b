// Example operations shown in LandAtlas GraphiQL, one tab per example.
// Edit freely: each entry becomes a tab (GraphiQL names a tab after its operation name).
// Note: GraphiQL keeps the user's tabs in localStorage; new examples only appear for
// visitors without saved tabs (or after "Settings → Clear storage").

export const EXAMPLES = [
  {
    audience: 'bureau staff / 自然资源局工作人员',
    query: `# 县级列表与某县的乡镇 — counties and the townships of county 533401
query BureauCountiesAndTownships {
  counties {
    code
    name
    level
    areaMu
  }
  adminUnits(parentCode: "533401", level: TOWNSHIP) {
    code
    name
  }
}
`,
  },
  {
    audience: 'bureau staff / 自然资源局工作人员',
    query: `# 按乡镇 × 地类大类统计面积 — land statistics by township and class group
query BureauLandStats {
  landStats(filter: { adminCode: "533401" }, groupBy: [TOWNSHIP, CLASS_GROUP]) {
    keys {
      dimension
      code
      name
    }
    count
    areaMu
    netAreaMu
    areaHa
  }
}
`,
  },
  {
    audience: 'investment officer / 招商引资专员',
    query: `# 30 亩以上、未流转的耕地地块 — farmland parcels ≥ 30 mu with no circulation
query InvestmentFarmlandParcels {
  parcels(
    filter: {
      adminCode: "150627"
      classGroups: [FARMLAND]
      areaMu: { min: 30 }
      circulationStatuses: [NONE]
    }
    first: 20
    orderBy: { field: AREA, direction: DESC }
  ) {
    totalCount
    totalAreaMu
    edges {
      node {
        id
        bsm
        landClassName
        areaMu
        village {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
  },
  {
    audience: 'front-end developer / 前端开发',
    query: `# 视窗范围内的地块几何 — parcel geometries inside a bbox [minLon, minLat, maxLon, maxLat]
query FrontendBboxParcels {
  parcels(filter: { bbox: [99.70, 27.80, 99.72, 27.82] }, first: 100) {
    edges {
      node {
        id
        areaMu
        landClassCode
        geometry(precision: 6)
      }
    }
  }
}
`,
  },
  {
    audience: 'signed-in staff / 已登录工作人员 (sign in on the map, or put {"Authorization": "Bearer la_…"} in Headers)',
    query: `# 本县流转合同与流出方（个人信息按权限脱敏）— contracts of your county with their transferors
# (names, ID numbers and phones masked unless your account has the personal-data permission)
query StaffContracts {
  me {
    username
    role
    counties
    personalData
  }
  circulationContracts(first: 5, filter: { statuses: [ACTIVE] }) {
    totalCount
    edges {
      node {
        contractNo
        countyCode
        areaMu
        priceYuanPerMuYear
        transferors {
          name
          idNumber
          phone
          areaMu
          masked
        }
      }
    }
  }
}
`,
  },
];

/** Tabs opened on first visit. */
export const DEFAULT_TABS = EXAMPLES.map(({ query, variables, headers }) => ({
  query,
  ...(variables ? { variables } : {}),
  ...(headers ? { headers } : {}),
}));

/** Query used when the user opens a new, empty tab. */
export const DEFAULT_QUERY = `# LandAtlas GraphQL API — 欢迎使用 LandAtlas GraphQL
#
# Example tabs (示例标签页):
${EXAMPLES.map((e) => `#   ${e.query.match(/query\s+(\w+)/)[1]}  — ${e.audience}`).join('\n')}
#
# Ctrl-Enter runs the query, Ctrl-Space autocompletes, the Docs
# panel (left) browses the schema.

${EXAMPLES[0].query}`;
