// All user-visible strings, Chinese (default) and English. t('key', {n: 3}) fills {n}.
const messages = {
  zh: {
    title: 'LandAtlas 土地图谱', synthetic: '合成示例数据', syntheticTip: '除行政区名称和代码外，边界、图斑、人员等均为合成示例数据',
    county: '县', chooseCounty: '选择县', search: '搜索村名、标识码(BSM)、图斑编号或地名', noResults: '无结果',
    layers: '图层', legend: '图例', filter: '图斑筛选', draw: '框选', stats: '统计', exportT: '导出', settings: '设置',
    details: '详情', close: '关闭', panel: '面板', language: 'English', langCode: 'zh',
    loading: '加载中…', error: '错误', retry: '重试', copied: '已复制链接', linkHere: '链接到此', copy: '复制',
    mu: '亩', ha: '公顷', km2: 'km²', m: '米', kw: 'kW', yes: '是', no: '否', any: '不限', none: '—',
    // layers
    'layer.parcels': '地类图斑', 'layer.counties': '县界', 'layer.townships': '乡镇界', 'layer.villages': '村界',
    'layer.admin_labels': '行政区注记', 'layer.high_standard_farmland': '高标准农田', 'layer.protection_zones': '保护区/管控区',
    'layer.belts': '产业带', 'layer.roads': '道路', 'layer.pois': '兴趣点', 'layer.circulation_listings': '流转挂牌',
    'layer.pv_sites': '户用光伏', 'layer.transformers': '台区', 'layer.homesteads': '宅基地', 'layer.basemap': '在线底图',
    'theme.land': '土地', 'theme.admin': '行政区划', 'theme.protection': '保护与建设', 'theme.circulation': '流转',
    'theme.energy': '光伏与宅基地', 'theme.infra': '基础设施', minZoomNote: '放大至 {z} 级显示',
    // class groups
    'cg.farmland': '耕地', 'cg.garden': '园地', 'cg.forest': '林地', 'cg.grassland': '草地', 'cg.homestead': '宅基地',
    'cg.construction': '建设用地', 'cg.water': '水域', 'cg.other': '其他',
    // statuses and enums
    'circ.none': '未流转', 'circ.listed': '挂牌中', 'circ.circulated': '已流转',
    'pa.LS': '粮食作物', 'pa.FLS': '非粮作物', 'pa.LYFL': '粮与非粮轮作', 'pa.XG': '休耕', 'pa.LLJZ': '林粮间作', 'pa.WG': '未耕种',
    'pa.JKHF': '即可恢复', 'pa.GCHF': '工程恢复',
    'zone.permanent_basic_farmland': '永久基本农田', 'zone.ecological_red_line': '生态保护红线', 'zone.grazing_ban': '禁牧区',
    'zone.rest_grazing': '休牧区', 'zone.grass_livestock_balance': '草畜平衡区', 'zone.livestock_suitable': '畜禽适养区',
    'zone.livestock_restricted': '畜禽限养区', 'zone.livestock_prohibited': '畜禽禁养区',
    'hsf.planned': '规划', 'hsf.building': '在建', 'hsf.completed': '已建成', 'hsf.accepted': '已验收',
    'road.national': '国道', 'road.provincial': '省道', 'road.county': '县道', 'road.township': '乡道', 'road.village': '村道', 'road.farm': '田间道',
    'listing.draft': '草稿', 'listing.listed': '挂牌中', 'listing.negotiating': '洽谈中', 'listing.closed': '已成交', 'listing.withdrawn': '已撤回',
    'kind.farmland': '耕地', 'kind.pasture': '草场', 'kind.forest': '林地', 'kind.garden': '园地', 'kind.facility': '设施', 'kind.mixed': '混合',
    'mode.lease': '出租(转包)', 'mode.equity': '入股', 'mode.other': '其他', 'mode.swap': '互换', 'mode.transfer': '转让',
    'pv.candidate': '候选', 'pv.surveyed': '已踏勘', 'pv.filed': '已备案', 'pv.approved': '已批复', 'pv.building': '在建', 'pv.connected': '已并网', 'pv.rejected': '不予接入',
    'pvkind.homestead_roof': '宅基地屋顶', 'pvkind.livestock_shed': '养殖棚圈', 'pvkind.greenhouse': '温室大棚', 'pvkind.yard': '庭院',
    'grid.full_export': '全额上网', 'grid.self_use_surplus_export': '自发自用、余电上网', 'grid.full_self_use': '全部自用',
    'occ.occupied': '常住', 'occ.seasonal': '季节性居住', 'occ.idle': '闲置',
    'rev.none': '未盘活', 'rev.offered': '可盘活', 'rev.negotiating': '洽谈中', 'rev.revitalized': '已盘活', 'rev.withdrawn': '已退出',
    'level.county': '县', 'level.township': '乡镇', 'level.village': '村',
    'metric.farmland_circulated_mu': '耕地流转面积', 'metric.pasture_circulated_mu': '草牧场流转面积', 'metric.forest_circulated_mu': '林地流转面积',
    'metric.idle_homesteads_revitalized': '盘活闲置宅基地', 'metric.high_standard_farmland_mu': '高标准农田', 'metric.household_pv_kw': '户用光伏并网',
    'metric.permanent_basic_farmland_mu': '永久基本农田',
    // parcel fields
    bsm: '标识码 BSM', tbbh: '图斑编号 TBBH', dlbm: '地类编码 DLBM', dlmc: '地类名称 DLMC', classGroup: '地类大类', qsxz: '权属性质',
    qsdw: '权属单位', zldw: '坐落单位', area: '面积', netArea: '图斑地类面积 (TBDLMJ)', grossArea: '图斑面积 (TBMJ)', perimeter: '周长',
    slopeClass: '耕地坡度级别', croplandType: '耕地类型', planting: '种植属性', grade: '耕地等别', elevation: '平均海拔', slope: '平均坡度',
    pbf: '永久基本农田', hsf: '高标准农田', circulation: '流转状态', village: '村', township: '乡镇', belt: '产业带', industries: '推荐产业',
    hsfProject: '高标准农田项目', dataYear: '数据年份', population: '人口', households: '户数', parcels: '图斑数', kind: '类型', code: '代码',
    name: '名称', status: '状态', year: '年度', investment: '投资 (万元)', plannedArea: '计划面积', rules: '管控规则', authority: '划定机关',
    price: '挂牌价 (元/亩/年)', negotiable: '面议', term: '年限 (年)', mode: '流转方式', intendedUse: '拟用途', listedOn: '挂牌日期',
    roadAccess: '距道路', contact: '联系机构', capacity: '装机容量', roofArea: '屋面面积', gridMode: '上网模式', transformer: '台区',
    queue: '排队序号', ratedKva: '额定容量 (kVA)', hosting: '可接入容量', connected: '已并网', pending: '待并网', open: '可开放容量',
    occupancy: '使用状况', revitalization: '盘活状态', idleYears: '闲置年数', houses: '农房', siteArea: '宗地面积', certificate: '证号',
    roadClass: '等级', length: '长度', surface: '路面', ref: '编号', width: '路宽', overviewNote: '低缩放级别下按村和地类大类合并显示；放大到 12 级可点选单个图斑。',
    openVillage: '查看村', showStats: '统计此区域', zoomTo: '缩放至', selectOnMap: '点击地图上的对象查看详情',
    // filter
    'filter.groups': '地类大类', 'filter.area': '面积范围 (亩)', 'filter.areaNote': '面积范围用于计数和导出；地图自 14 级起按面积过滤显示。',
    'filter.flags': '标志', 'filter.planting': '种植属性', 'filter.circ': '流转状态', 'filter.apply': '应用', 'filter.reset': '重置',
    'filter.count': '{n} 个图斑，合计 {mu} 亩（{ha} 公顷）', 'filter.scope': '范围：{name}', min: '最小', max: '最大',
    // draw
    'draw.rect': '矩形', 'draw.poly': '多边形', 'draw.clear': '清除', 'draw.hintRect': '在地图上拖动画矩形', 'draw.hintPoly': '单击添加顶点，双击或单击起点结束；Esc 取消',
    'draw.stats': '选区统计', 'draw.withFilter': '选区内符合当前筛选条件的图斑',
    // stats
    'stats.unit': '统计范围', 'stats.byGroup': '各地类面积（图斑地类面积，亩）', 'stats.hsfCoverage': '高标准农田占耕地', 'stats.pbfShare': '永久基本农田占耕地',
    'stats.targets': '规划目标完成情况', 'stats.example': '示例', 'stats.exampleTip': '合成示例目标，非已发布规划', 'stats.summary': '概况',
    'stats.allTownships': '全部乡镇', 'stats.allVillages': '全部村', 'stats.farmland': '耕地', 'stats.circulated': '已流转', 'stats.listed': '挂牌中',
    'stats.total': '合计',
    // export
    'export.what': '导出内容', 'export.filter': '当前筛选结果', 'export.selection': '当前选区', 'export.geojson': 'GeoJSON', 'export.csv': 'CSV (Excel)',
    'export.progress': '已读取 {n} / {total}', 'export.cap': '最多导出 {cap} 个图斑，已截断', 'export.done': '已导出 {n} 个图斑', 'export.cancel': '取消',
    'export.noSelection': '请先框选区域',
    // settings
    'settings.basemap': '在线底图', 'settings.none': '无（离线，仅本服务图层）', 'settings.osm': 'OpenStreetMap', 'settings.tdt': '天地图（需密钥）',
    'settings.custom': '自定义瓦片地址', 'settings.key': '天地图密钥 tk', 'settings.url': '瓦片 URL 模板 {z}/{x}/{y}', 'settings.save': '保存',
    'settings.warn': '注意：高德、腾讯等 GCJ-02 底图与本服务的 CGCS2000 数据偏移数百米，请勿混用。配置在线底图后，浏览器将向该底图服务器发送请求。',
    'settings.opacity': '底图透明度',
    // errors
    'err.network': '网络错误：{msg}', 'err.tile': '瓦片加载失败：{msg}', 'err.notFound': '未找到对象',
    searchVillage: '村/乡镇', searchParcel: '图斑', searchPlace: '地名', tbbhHint: '图斑编号需先选定村：输入"村名 编号"',
  },
  en: {
    title: 'LandAtlas', synthetic: 'Synthetic demo data', syntheticTip: 'Apart from names and codes of administrative units, boundaries, parcels and people are synthetic',
    county: 'County', chooseCounty: 'Choose county', search: 'Search village, parcel BSM / TBBH or place', noResults: 'No results',
    layers: 'Layers', legend: 'Legend', filter: 'Parcel filter', draw: 'Select area', stats: 'Statistics', exportT: 'Export', settings: 'Settings',
    details: 'Details', close: 'Close', panel: 'Panel', language: '中文', langCode: 'en',
    loading: 'Loading…', error: 'Error', retry: 'Retry', copied: 'Link copied', linkHere: 'Link to this', copy: 'Copy',
    mu: 'mu', ha: 'ha', km2: 'km²', m: 'm', kw: 'kW', yes: 'yes', no: 'no', any: 'any', none: '—',
    'layer.parcels': 'Land parcels', 'layer.counties': 'Counties', 'layer.townships': 'Townships', 'layer.villages': 'Villages',
    'layer.admin_labels': 'Labels', 'layer.high_standard_farmland': 'High-standard farmland', 'layer.protection_zones': 'Protection zones',
    'layer.belts': 'Altitude belts', 'layer.roads': 'Roads', 'layer.pois': 'Points of interest', 'layer.circulation_listings': 'Circulation listings',
    'layer.pv_sites': 'Household PV', 'layer.transformers': 'Transformers', 'layer.homesteads': 'Homesteads', 'layer.basemap': 'Online base map',
    'theme.land': 'Land', 'theme.admin': 'Administrative units', 'theme.protection': 'Protection & projects', 'theme.circulation': 'Circulation',
    'theme.energy': 'PV & homesteads', 'theme.infra': 'Infrastructure', minZoomNote: 'shown from zoom {z}',
    'cg.farmland': 'Cropland', 'cg.garden': 'Garden', 'cg.forest': 'Forest', 'cg.grassland': 'Grassland', 'cg.homestead': 'Homestead',
    'cg.construction': 'Construction', 'cg.water': 'Water', 'cg.other': 'Other',
    'circ.none': 'not circulated', 'circ.listed': 'listed', 'circ.circulated': 'circulated',
    'pa.LS': 'grain', 'pa.FLS': 'non-grain', 'pa.LYFL': 'grain/non-grain rotation', 'pa.XG': 'fallow', 'pa.LLJZ': 'trees with grain', 'pa.WG': 'uncultivated',
    'pa.JKHF': 'immediately restorable', 'pa.GCHF': 'restorable with works',
    'zone.permanent_basic_farmland': 'Permanent basic farmland', 'zone.ecological_red_line': 'Ecological red line', 'zone.grazing_ban': 'Grazing ban',
    'zone.rest_grazing': 'Rest grazing', 'zone.grass_livestock_balance': 'Grass-livestock balance', 'zone.livestock_suitable': 'Livestock suitable',
    'zone.livestock_restricted': 'Livestock restricted', 'zone.livestock_prohibited': 'Livestock prohibited',
    'hsf.planned': 'planned', 'hsf.building': 'building', 'hsf.completed': 'completed', 'hsf.accepted': 'accepted',
    'road.national': 'National', 'road.provincial': 'Provincial', 'road.county': 'County', 'road.township': 'Township', 'road.village': 'Village', 'road.farm': 'Farm road',
    'listing.draft': 'draft', 'listing.listed': 'listed', 'listing.negotiating': 'negotiating', 'listing.closed': 'closed', 'listing.withdrawn': 'withdrawn',
    'kind.farmland': 'cropland', 'kind.pasture': 'pasture', 'kind.forest': 'forest', 'kind.garden': 'garden', 'kind.facility': 'facility', 'kind.mixed': 'mixed',
    'mode.lease': 'lease', 'mode.equity': 'equity', 'mode.other': 'other', 'mode.swap': 'swap', 'mode.transfer': 'transfer',
    'pv.candidate': 'candidate', 'pv.surveyed': 'surveyed', 'pv.filed': 'filed', 'pv.approved': 'approved', 'pv.building': 'building', 'pv.connected': 'connected', 'pv.rejected': 'rejected',
    'pvkind.homestead_roof': 'homestead roof', 'pvkind.livestock_shed': 'livestock shed', 'pvkind.greenhouse': 'greenhouse', 'pvkind.yard': 'yard',
    'grid.full_export': 'full export', 'grid.self_use_surplus_export': 'self-use, surplus export', 'grid.full_self_use': 'full self-use',
    'occ.occupied': 'occupied', 'occ.seasonal': 'seasonal', 'occ.idle': 'idle',
    'rev.none': 'none', 'rev.offered': 'offered', 'rev.negotiating': 'negotiating', 'rev.revitalized': 'revitalized', 'rev.withdrawn': 'withdrawn',
    'level.county': 'County', 'level.township': 'Township', 'level.village': 'Village',
    'metric.farmland_circulated_mu': 'Cropland circulated', 'metric.pasture_circulated_mu': 'Pasture circulated', 'metric.forest_circulated_mu': 'Forest circulated',
    'metric.idle_homesteads_revitalized': 'Idle homesteads revitalized', 'metric.high_standard_farmland_mu': 'High-standard farmland', 'metric.household_pv_kw': 'Household PV connected',
    'metric.permanent_basic_farmland_mu': 'Permanent basic farmland',
    bsm: 'BSM (feature id)', tbbh: 'TBBH (parcel no.)', dlbm: 'Land class code', dlmc: 'Land class', classGroup: 'Class group', qsxz: 'Ownership',
    qsdw: 'Owner unit', zldw: 'Location unit', area: 'Area', netArea: 'Net area (TBDLMJ)', grossArea: 'Gross area (TBMJ)', perimeter: 'Perimeter',
    slopeClass: 'Slope class', croplandType: 'Cropland type', planting: 'Planting', grade: 'Quality grade', elevation: 'Mean elevation', slope: 'Mean slope',
    pbf: 'Permanent basic farmland', hsf: 'High-standard farmland', circulation: 'Circulation', village: 'Village', township: 'Township', belt: 'Belt', industries: 'Recommended industries',
    hsfProject: 'HSF project', dataYear: 'Data year', population: 'Population', households: 'Households', parcels: 'Parcels', kind: 'Kind', code: 'Code',
    name: 'Name', status: 'Status', year: 'Year', investment: 'Investment (10k yuan)', plannedArea: 'Planned area', rules: 'Rules', authority: 'Authority',
    price: 'Rent (yuan/mu/yr)', negotiable: 'negotiable', term: 'Term (years)', mode: 'Mode', intendedUse: 'Intended use', listedOn: 'Listed on',
    roadAccess: 'To road', contact: 'Contact office', capacity: 'Capacity', roofArea: 'Roof area', gridMode: 'Grid mode', transformer: 'Transformer',
    queue: 'Queue position', ratedKva: 'Rated (kVA)', hosting: 'PV hosting', connected: 'Connected', pending: 'Pending', open: 'Open capacity',
    occupancy: 'Occupancy', revitalization: 'Revitalization', idleYears: 'Years idle', houses: 'Houses', siteArea: 'Plot area', certificate: 'Certificate',
    roadClass: 'Class', length: 'Length', surface: 'Surface', ref: 'Ref', width: 'Width', overviewNote: 'At low zoom parcels are merged by village and class group; zoom to 12 to pick single parcels.',
    openVillage: 'Open village', showStats: 'Statistics of this unit', zoomTo: 'Zoom to', selectOnMap: 'Click an object on the map to see its details',
    'filter.groups': 'Class groups', 'filter.area': 'Area range (mu)', 'filter.areaNote': 'The area range applies to counts and export; the map filters by area from zoom 14.',
    'filter.flags': 'Flags', 'filter.planting': 'Planting attribute', 'filter.circ': 'Circulation', 'filter.apply': 'Apply', 'filter.reset': 'Reset',
    'filter.count': '{n} parcels, {mu} mu ({ha} ha)', 'filter.scope': 'Scope: {name}', min: 'min', max: 'max',
    'draw.rect': 'Rectangle', 'draw.poly': 'Polygon', 'draw.clear': 'Clear', 'draw.hintRect': 'Drag on the map to draw a rectangle', 'draw.hintPoly': 'Click to add points; double-click or click the first point to finish; Esc cancels',
    'draw.stats': 'Selection statistics', 'draw.withFilter': 'Parcels in the selection matching the current filter',
    'stats.unit': 'Unit', 'stats.byGroup': 'Area by class group (net area, mu)', 'stats.hsfCoverage': 'High-standard farmland / cropland', 'stats.pbfShare': 'Permanent basic farmland / cropland',
    'stats.targets': 'Plan targets', 'stats.example': 'example', 'stats.exampleTip': 'synthetic target, not from a published plan', 'stats.summary': 'Summary',
    'stats.allTownships': 'All townships', 'stats.allVillages': 'All villages', 'stats.farmland': 'Cropland', 'stats.circulated': 'Circulated', 'stats.listed': 'Listed',
    'stats.total': 'Total',
    'export.what': 'Export', 'export.filter': 'Current filter result', 'export.selection': 'Current selection', 'export.geojson': 'GeoJSON', 'export.csv': 'CSV (Excel)',
    'export.progress': 'Read {n} / {total}', 'export.cap': 'Capped at {cap} parcels', 'export.done': 'Exported {n} parcels', 'export.cancel': 'Cancel',
    'export.noSelection': 'Draw a selection first',
    'settings.basemap': 'Online base map', 'settings.none': 'None (offline, service layers only)', 'settings.osm': 'OpenStreetMap', 'settings.tdt': 'Tianditu (needs a key)',
    'settings.custom': 'Custom tile URL', 'settings.key': 'Tianditu key tk', 'settings.url': 'Tile URL template {z}/{x}/{y}', 'settings.save': 'Save',
    'settings.warn': 'Note: GCJ-02 base maps (AMap, Tencent) are offset hundreds of metres from this CGCS2000 data; do not mix them. With an online base map the browser sends requests to that tile server.',
    'settings.opacity': 'Base map opacity',
    'err.network': 'Network error: {msg}', 'err.tile': 'Tile failed: {msg}', 'err.notFound': 'Object not found',
    searchVillage: 'Village/township', searchParcel: 'Parcel', searchPlace: 'Place', tbbhHint: 'TBBH needs a village: type "village number"',
  },
};

let lang = 'zh';
const listeners = new Set();

export function getLang() { return lang; }
export function setLang(l) {
  l = l === 'en' ? 'en' : 'zh';
  if (l === lang) return;
  lang = l;
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  try { localStorage.setItem('landatlas.lang', l); } catch { /* private mode */ }
  listeners.forEach((fn) => fn(l));
}
export function onLang(fn) { listeners.add(fn); }

export function t(key, vars) {
  let s = messages[lang][key] ?? messages.zh[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] ?? m));
  return s;
}
/** Translate an enum value of a family ('cg', 'circ' …); GraphQL enums arrive upper-case. */
export function te(family, value) {
  if (value == null || value === '') return t('none');
  const v = family === 'pa' ? String(value).toUpperCase() : String(value).toLowerCase();
  const key = `${family}.${v}`;
  const s = messages[lang][key] ?? messages.zh[key];
  return s ?? String(value);
}

const nf = () => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
export function num(v, digits = 2) {
  if (v == null || Number.isNaN(v)) return t('none');
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits }).format(v);
}
export function fmt(v) { return v == null ? t('none') : nf().format(v); }
/** Area in mu with hectares: "12.34 亩 (0.82 公顷)". */
export function areaMu(mu, digits = 2) {
  if (mu == null) return t('none');
  return `${num(mu, digits)} ${t('mu')} (${num(mu / 15, digits + 1)} ${t('ha')})`;
}
