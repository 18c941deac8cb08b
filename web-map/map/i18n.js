// All user-visible strings, Chinese (default) and English. t('key', {n: 3}) fills {n}.
import { groupMessages } from './land-class-groups.js';

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
    ...groupMessages('name'),
    // statuses and enums
    'circ.none': '未流转', 'circ.listed': '挂牌中', 'circ.circulated': '已流转',
    'pa.LS': '粮食作物', 'pa.FLS': '非粮作物', 'pa.LYFL': '粮与非粮轮作', 'pa.XG': '休耕', 'pa.LLJZ': '林粮间作', 'pa.WG': '未耕种',
    'pa.JKHF': '即可恢复', 'pa.GCHF': '工程恢复',
    'zone.permanent_basic_farmland': '永久基本农田', 'zone.ecological_red_line': '生态保护红线', 'zone.grazing_ban': '禁牧区',
    'zone.rest_grazing': '休牧区', 'zone.grass_livestock_balance': '草畜平衡区', 'zone.livestock_suitable': '畜禽适养区',
    'zone.livestock_restricted': '畜禽限养区', 'zone.livestock_prohibited': '畜禽禁养区',
    'hsf.planned': '规划', 'hsf.building': '在建', 'hsf.completed': '已建成', 'hsf.accepted': '已验收',
    'road.national': '国道', 'road.provincial': '省道', 'road.county': '县道', 'road.township': '乡道', 'road.village': '村道', 'road.farm': '田间道',
    'listing.draft': '草稿', 'listing.listed': '挂牌中', 'listing.negotiating': '洽谈中', 'listing.contracted': '已成交', 'listing.withdrawn': '已撤回', 'listing.expired': '已过期',
    'kind.farmland': '耕地', 'kind.pasture': '草场', 'kind.forest': '林地', 'kind.garden': '园地', 'kind.facility': '设施', 'kind.mixed': '混合',
    'mode.lease': '出租(转包)', 'mode.equity': '入股', 'mode.other': '其他', 'mode.swap': '互换', 'mode.transfer': '转让',
    'pv.candidate': '候选', 'pv.surveyed': '已踏勘', 'pv.filed': '已备案', 'pv.built': '已建成', 'pv.connected': '已并网', 'pv.rejected': '不予接入',
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
    'stats.targets': '规划目标完成情况', 'stats.byTownship': '分乡镇完成', 'stats.example': '示例', 'stats.exampleTip': '合成示例目标，非已发布规划', 'stats.summary': '概况',
    'stats.allTownships': '全部乡镇', 'stats.allVillages': '全部村', 'stats.farmland': '耕地', 'stats.circulated': '已流转', 'stats.listed': '挂牌中',
    'stats.total': '合计',
    // export
    'export.what': '导出内容', 'export.filter': '当前筛选结果', 'export.selection': '当前选区', 'export.geojson': 'GeoJSON', 'export.csv': 'CSV (Excel)',
    'export.progress': '已读取 {n} / {total}', 'export.cap': '最多导出 {cap} 个图斑，已截断', 'export.done': '已导出 {n} 个图斑', 'export.cancel': '取消',
    'export.noSelection': '请先框选区域',
    'export.format': '文件格式', 'export.f.GPKG': 'GeoPackage (.gpkg)', 'export.f.SHAPEFILE_GBK': 'Shapefile（GBK 编码，zip）',
    'export.f.SHAPEFILE_UTF8': 'Shapefile（UTF-8 编码，zip）', 'export.f.GEOJSON': 'GeoJSON', 'export.f.CSV': 'CSV（图形为 WKT）', 'export.f.FLATGEOBUF': 'FlatGeobuf (.fgb)',
    'export.download': '导出并下载', 'export.serverNote': '由服务器导出全部符合条件的图斑，字段为三调 DLTB 字段（BSM、TBBH、DLBM…）和椭球面积 AREA_M2，坐标系 CGCS2000 (EPSG:4490)。',
    'export.preparing': '正在准备导出…', 'export.writing': '{n} 个图斑，正在生成文件…', 'export.receiving': '{n} 个图斑，已接收 {mb} MB…',
    'export.saved': '已导出 {n} 个图斑：{file}（{mb} MB）', 'export.empty': '没有符合条件的图斑，未生成文件',
    'imp.opt.classSystem': '分类体系', 'imp.opt.classSystem.SANDIAO': '三调工作分类', 'imp.opt.classSystem.GBT_21010_2017': 'GB/T 21010-2017 土地利用现状分类',
    'export.layer': '图层', 'export.layerNote': '由服务器导出本县该图层的全部要素；选“当前选区”时为与选区外包矩形相交的要素。坐标系 CGCS2000 (EPSG:4490)。',
    'export.writingRows': '{n} 条记录，正在生成文件…', 'export.receivingRows': '{n} 条记录，已接收 {mb} MB…',
    'export.savedRows': '已导出 {n} 条记录：{file}（{mb} MB）', 'export.emptyRows': '没有符合条件的要素，未生成文件',
    'export.quickNote': '在浏览器中导出，最多 {cap} 个图斑。工作人员登录后可由服务器导出完整的 GeoPackage、Shapefile 等文件。',
    // data import
    'imp.new': '上传调查数据', 'imp.profile': '数据类型', 'imp.county': '县', 'imp.file': '文件',
    'imp.fileHint': 'zip 压缩的 Shapefile，或同时选中 .shp/.shx/.dbf/.prj/.cpg（浏览器中打包）；GeoPackage、GeoJSON、KML、CSV',
    'imp.crsOverride': '坐标系（可选）', 'imp.crsHint': '文件缺少或写错 .prj 时填写，如 EPSG:4545', 'imp.encoding': '字符编码',
    'imp.encHint': '.dbf 的编码；自动：有 .cpg 按 .cpg，否则按 GBK', 'imp.encAuto': '自动', 'imp.layer': '图层（可选）', 'imp.layerHint': '多图层文件（如 GeoPackage）中的图层名',
    'imp.safe': '上传后只做检查；确认导入之前数据库不会改变。', 'imp.upload': '上传并检查', 'imp.stopUpload': '停止上传',
    'imp.uploading': '上传中 {pct}%（{sent} / {total}）', 'imp.uploaded': '已上传 {size}。', 'imp.checking': '服务器正在读取和检查文件…', 'imp.stopped': '上传已停止',
    'imp.failed': '上传未成功', 'imp.noFile': '请选择文件', 'imp.noCounty': '当前账号没有可导入的县',
    'imp.job': '导入任务 #{id}', 'imp.features': '要素数', 'imp.layer2': '图层', 'imp.crs': '源坐标系', 'imp.fileEncoding': '按文件',
    'imp.status.checked': '已检查', 'imp.status.rejected': '未通过', 'imp.status.committed': '已导入', 'imp.status.cancelled': '已取消', 'imp.status.failed': '失败',
    'imp.checkedNote': '检查通过，可以确认导入。', 'imp.checkedWarn': '检查通过，有 {n} 项警告（不阻止导入）。', 'imp.rejectedNote': '{n} 项检查未通过，不能导入；请修改文件后重新上传。',
    'imp.check': '检查项', 'imp.severity': '级别', 'imp.count': '问题数', 'imp.rows': '问题行', 'imp.blocking': '阻止导入', 'imp.warning': '警告',
    'imp.row': '第 {n} 行', 'imp.firstRows': '前 {n} 行', 'imp.moreRows': '另有 {n} 行未列出',
    'imp.commit': '确认导入', 'imp.cancel': '取消', 'imp.commitDone': '导入任务 #{id} 已导入', 'imp.cancelDone': '导入任务 #{id} 已取消',
    'imp.cancelledNote': '已取消：暂存数据已删除，数据库未改变。', 'imp.committed': '导入结果', 'imp.added': '新增', 'imp.changed': '修改', 'imp.removed': '删除',
    'imp.noChanges': '与现有数据相同，没有变化。', 'imp.perField': '各字段修改数', 'imp.perFieldOf': '（前 {n} 条变更）', 'imp.changes': '变更明细（显示 {n} 条，共 {total} 条）', 'imp.change': '变更',
    'imp.fields': '字段（原值 → 新值）', 'imp.flagsOnly': '属性未变（示例数据转为正式数据）', 'imp.earlier': '本县最近的导入任务',
    'imp.scope': '替换范围', 'imp.scope.county': '全县图层（文件中没有的已导入要素将删除）', 'imp.scope.villages': '文件涉及的村', 'imp.scope.add': '只新增和更新，不删除',
    'imp.gcj02': '坐标为 GCJ-02（高德、腾讯等地图上采集），转换为 CGCS2000', 'imp.map': '字段映射', 'imp.mapHint': '如 bsm:标识码,dlbm:地类编码；不填则按标准字段名',
    'err.upload': '上传中断',
    // settings
    'settings.basemap': '在线底图', 'settings.none': '无（离线，仅本服务图层）', 'settings.osm': 'OpenStreetMap', 'settings.tdt': '天地图（需密钥）',
    'settings.custom': '自定义瓦片地址', 'settings.key': '天地图密钥 tk', 'settings.url': '瓦片 URL 模板 {z}/{x}/{y}', 'settings.save': '保存',
    'settings.warn': '注意：高德、腾讯等 GCJ-02 底图与本服务的 CGCS2000 数据偏移数百米，请勿混用。配置在线底图后，浏览器将向该底图服务器发送请求。',
    'settings.opacity': '底图透明度',
    // errors
    'err.network': '网络错误：{msg}', 'err.tile': '瓦片加载失败：{msg}', 'err.notFound': '未找到对象',
    // accounts and personal data
    'auth.signIn': '登录', 'auth.signOut': '退出', 'auth.title': '登录 LandAtlas', 'auth.username': '用户名', 'auth.password': '密码',
    'auth.submit': '登录', 'auth.wrong': '用户名或密码错误', 'auth.throttled': '登录失败次数过多，请在 {s} 秒后重试', 'auth.retryNow': '现在可以重试',
    'auth.failed': '登录失败：{msg}', 'auth.lost': '登录未能保持，请重试', 'auth.welcome': '已登录：{name}', 'auth.bye': '已退出登录', 'auth.expired': '登录已失效，请重新登录',
    'auth.note': '公众无需登录即可浏览公开数据；工作人员登录后可查看本县的流转合同和农户信息。', 'auth.allCounties': '全部县',
    'auth.needed': '需要登录', 'auth.neededText': '此数据不公开，本县工作人员登录后可查看。', 'auth.noRights': '无权查看',
    'auth.noRightsText': '当前账号无权查看此数据。', 'auth.maybeHidden': '未找到对象。部分数据仅对登录的工作人员可见，登录后可能可以查看。',
    'role.public': '公众', 'role.staff': '工作人员', 'role.admin': '管理员',
    masked: '已脱敏', maskedTip: '姓名、身份证号和电话已脱敏；具有个人信息权限的账号可查看完整信息',
    contracts: '流转合同', contract: '流转合同', transferors: '流出方（承包户）', transferee: '受让方', contactPerson: '联系人',
    household: '农户', householdNo: '承包方编码', headName: '户主', idNumber: '身份证号', phone: '电话', members: '家庭人口',
    years: '年', filingNo: '备案号', rent: '流转价格 (元/亩/年)', signedOn: '签订日期', filedOn: '备案日期', registered: '已登记', dividend: '分红条款', listing: '挂牌',
    creditCode: '统一社会信用代码', mainBusiness: '主营', history: '状态历史', disputes: '纠纷',
    'contracts.signIn': '流转合同仅对本县工作人员开放，请登录后查看。', 'contracts.otherCounty': '流转合同仅对本县工作人员开放。',
    'contracts.none': '未找到此图斑的流转合同', 'household.signIn': '农户信息（户主、身份证号、电话）仅对本县工作人员开放，请登录后查看。',
    'household.otherCounty': '农户信息仅对本县工作人员开放。',
    'contract.draft': '草拟', 'contract.signed': '已签订', 'contract.filed': '已备案', 'contract.active': '履行中', 'contract.expired': '已到期',
    'contract.terminated': '已解除', 'contract.disputed': '纠纷中', 'contract.expiring': '即将到期',
    'tk.enterprise': '企业', 'tk.cooperative': '合作社', 'tk.family_farm': '家庭农场', 'tk.large_grower': '种养大户', 'tk.village_collective': '村集体', 'tk.other': '其他',
    // administration
    admin: '管理', 'admin.title': '系统管理', 'admin.audit': '审计日志', 'admin.accounts': '账号', 'admin.tokens': '令牌', 'admin.import': '数据导入',
    'audit.at': '时间', 'audit.actor': '操作人', 'audit.kind': '认证方式', 'audit.ip': 'IP', 'audit.action': '操作', 'audit.target': '对象',
    'audit.county': '县', 'audit.outcome': '结果', 'audit.before': '修改前', 'audit.after': '修改后', 'audit.detail': '备注', 'audit.ua': '客户端',
    'audit.from': '起始日期', 'audit.to': '截止日期', 'audit.search': '查询', 'audit.reset': '清除条件', 'audit.more': '更多', 'audit.expand': '展开详情',
    'audit.count': '共 {n} 条，已显示 {shown} 条', 'outcome.ok': '成功', 'outcome.denied': '拒绝', 'outcome.failed': '失败',
    'acc.username': '用户名', 'acc.usernameHint': '3–64 个字母、数字或 _ . @ -', 'acc.displayName': '显示名称', 'acc.role': '角色', 'acc.counties': '负责县',
    'acc.personalData': '个人信息权限', 'acc.personalDataHint': '可查看本县未脱敏的姓名、身份证号和电话', 'acc.enabled': '启用',
    'acc.lastLogin': '最近登录', 'acc.never': '从未', 'acc.create': '新建账号', 'acc.createBtn': '创建账号', 'acc.password': '初始密码',
    'acc.passwordHint': '至少 10 个字符，不得包含用户名', 'acc.edit': '编辑', 'acc.save': '保存', 'acc.cancel': '取消', 'acc.reset': '重置密码',
    'acc.newPassword': '新密码', 'acc.created': '已创建账号 {u}', 'acc.saved': '已保存账号 {u}', 'acc.resetDone': '已重置 {u} 的密码', 'acc.disabled': '已停用',
    'tok.account': '账号', 'tok.name': '用途', 'tok.prefix': '前缀', 'tok.created': '创建', 'tok.expires': '到期', 'tok.lastUsed': '最近使用',
    'tok.state': '状态', 'tok.active': '有效', 'tok.revoked': '已吊销', 'tok.expired': '已过期', 'tok.never': '不过期', 'tok.none': '还没有 API 令牌', 'tok.create': '新建 API 令牌',
    'tok.createBtn': '创建令牌', 'tok.days': '有效天数', 'tok.daysHint': '可选；留空则不过期', 'tok.secret': '令牌密钥',
    'tok.secretWarn': '请立即复制并妥善保存：此密钥只显示这一次，关闭后无法再次查看。', 'tok.copy': '复制', 'tok.copied': '已复制',
    'tok.done': '我已保存，关闭', 'tok.usage': '用法：请求头 Authorization: Bearer <密钥>', 'tok.revoke': '吊销',
    'tok.confirmRevoke': '吊销“{name}”？使用它的程序将立即无法访问。', 'tok.confirm': '确认吊销', 'tok.revokedDone': '已吊销令牌“{name}”',
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
    ...groupMessages('nameEn'),
    'circ.none': 'not circulated', 'circ.listed': 'listed', 'circ.circulated': 'circulated',
    'pa.LS': 'grain', 'pa.FLS': 'non-grain', 'pa.LYFL': 'grain/non-grain rotation', 'pa.XG': 'fallow', 'pa.LLJZ': 'trees with grain', 'pa.WG': 'uncultivated',
    'pa.JKHF': 'immediately restorable', 'pa.GCHF': 'restorable with works',
    'zone.permanent_basic_farmland': 'Permanent basic farmland', 'zone.ecological_red_line': 'Ecological red line', 'zone.grazing_ban': 'Grazing ban',
    'zone.rest_grazing': 'Rest grazing', 'zone.grass_livestock_balance': 'Grass-livestock balance', 'zone.livestock_suitable': 'Livestock suitable',
    'zone.livestock_restricted': 'Livestock restricted', 'zone.livestock_prohibited': 'Livestock prohibited',
    'hsf.planned': 'planned', 'hsf.building': 'building', 'hsf.completed': 'completed', 'hsf.accepted': 'accepted',
    'road.national': 'National', 'road.provincial': 'Provincial', 'road.county': 'County', 'road.township': 'Township', 'road.village': 'Village', 'road.farm': 'Farm road',
    'listing.draft': 'draft', 'listing.listed': 'listed', 'listing.negotiating': 'negotiating', 'listing.contracted': 'contracted', 'listing.withdrawn': 'withdrawn', 'listing.expired': 'expired',
    'kind.farmland': 'cropland', 'kind.pasture': 'pasture', 'kind.forest': 'forest', 'kind.garden': 'garden', 'kind.facility': 'facility', 'kind.mixed': 'mixed',
    'mode.lease': 'lease', 'mode.equity': 'equity', 'mode.other': 'other', 'mode.swap': 'swap', 'mode.transfer': 'transfer',
    'pv.candidate': 'candidate', 'pv.surveyed': 'surveyed', 'pv.filed': 'filed', 'pv.built': 'built', 'pv.connected': 'connected', 'pv.rejected': 'rejected',
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
    'stats.targets': 'Plan targets', 'stats.byTownship': 'By township', 'stats.example': 'example', 'stats.exampleTip': 'synthetic target, not from a published plan', 'stats.summary': 'Summary',
    'stats.allTownships': 'All townships', 'stats.allVillages': 'All villages', 'stats.farmland': 'Cropland', 'stats.circulated': 'Circulated', 'stats.listed': 'Listed',
    'stats.total': 'Total',
    'export.what': 'Export', 'export.filter': 'Current filter result', 'export.selection': 'Current selection', 'export.geojson': 'GeoJSON', 'export.csv': 'CSV (Excel)',
    'export.progress': 'Read {n} / {total}', 'export.cap': 'Capped at {cap} parcels', 'export.done': 'Exported {n} parcels', 'export.cancel': 'Cancel',
    'export.noSelection': 'Draw a selection first',
    'export.format': 'File format', 'export.f.GPKG': 'GeoPackage (.gpkg)', 'export.f.SHAPEFILE_GBK': 'Shapefile (GBK text, zipped)',
    'export.f.SHAPEFILE_UTF8': 'Shapefile (UTF-8 text, zipped)', 'export.f.GEOJSON': 'GeoJSON', 'export.f.CSV': 'CSV (geometry as WKT)', 'export.f.FLATGEOBUF': 'FlatGeobuf (.fgb)',
    'export.download': 'Export and download', 'export.serverNote': 'The server exports every matching parcel, with the 三调 DLTB fields (BSM, TBBH, DLBM …) and the ellipsoidal AREA_M2, in CGCS2000 (EPSG:4490).',
    'export.preparing': 'Preparing the export…', 'export.writing': '{n} parcels, writing the file…', 'export.receiving': '{n} parcels, {mb} MB received…',
    'export.saved': 'Exported {n} parcels: {file} ({mb} MB)', 'export.empty': 'No parcel matches; no file written',
    'imp.opt.classSystem': 'Classification system', 'imp.opt.classSystem.SANDIAO': '三调工作分类 (the survey\'s working classification)', 'imp.opt.classSystem.GBT_21010_2017': 'GB/T 21010-2017',
    'export.layer': 'Layer', 'export.layerNote': 'The server exports every feature of the layer in the county; with “Current selection”, those intersecting the selection\'s bounding box. CGCS2000 (EPSG:4490).',
    'export.writingRows': '{n} rows, writing the file…', 'export.receivingRows': '{n} rows, {mb} MB received…',
    'export.savedRows': 'Exported {n} rows: {file} ({mb} MB)', 'export.emptyRows': 'Nothing matches; no file written',
    'export.quickNote': 'Exported in the browser, at most {cap} parcels. Signed-in staff export complete GeoPackage, Shapefile and other files from the server.',
    'imp.new': 'Upload survey data', 'imp.profile': 'Kind of data', 'imp.county': 'County', 'imp.file': 'File',
    'imp.fileHint': 'a zipped Shapefile, or .shp/.shx/.dbf/.prj/.cpg selected together (zipped in the browser); GeoPackage, GeoJSON, KML, CSV',
    'imp.crsOverride': 'Coordinate system (optional)', 'imp.crsHint': 'when the .prj is missing or wrong, e.g. EPSG:4545', 'imp.encoding': 'Text encoding',
    'imp.encHint': "the .dbf's encoding; auto: the .cpg's, else GBK", 'imp.encAuto': 'auto', 'imp.layer': 'Layer (optional)', 'imp.layerHint': 'layer name in a multi-layer file (e.g. GeoPackage)',
    'imp.safe': 'The upload is only checked; nothing in the database changes before you confirm the import.', 'imp.upload': 'Upload and check', 'imp.stopUpload': 'Stop upload',
    'imp.uploading': 'Uploading {pct}% ({sent} / {total})', 'imp.uploaded': '{size} uploaded.', 'imp.checking': 'The server is reading and checking the file…', 'imp.stopped': 'Upload stopped',
    'imp.failed': 'Upload failed', 'imp.noFile': 'Choose a file', 'imp.noCounty': 'This account has no county to import into',
    'imp.job': 'Import #{id}', 'imp.features': 'Features', 'imp.layer2': 'Layer', 'imp.crs': 'Source CRS', 'imp.fileEncoding': "the file's",
    'imp.status.checked': 'checked', 'imp.status.rejected': 'rejected', 'imp.status.committed': 'imported', 'imp.status.cancelled': 'cancelled', 'imp.status.failed': 'failed',
    'imp.checkedNote': 'All checks passed: the import can be confirmed.', 'imp.checkedWarn': 'Checks passed with {n} warning(s) (not blocking).', 'imp.rejectedNote': '{n} check(s) failed: the file cannot be imported; fix it and upload again.',
    'imp.check': 'Check', 'imp.severity': 'Severity', 'imp.count': 'Findings', 'imp.rows': 'Rows', 'imp.blocking': 'blocking', 'imp.warning': 'warning',
    'imp.row': 'row {n}', 'imp.firstRows': 'first {n} rows', 'imp.moreRows': '{n} more rows not listed',
    'imp.commit': 'Confirm import', 'imp.cancel': 'Cancel', 'imp.commitDone': 'Import #{id} committed', 'imp.cancelDone': 'Import #{id} cancelled',
    'imp.cancelledNote': 'Cancelled: the staged rows were dropped, the database is unchanged.', 'imp.committed': 'Outcome', 'imp.added': 'added', 'imp.changed': 'changed', 'imp.removed': 'removed',
    'imp.noChanges': 'Same as the data held: nothing changed.', 'imp.perField': 'Changes per field', 'imp.perFieldOf': '(of the first {n} changes)', 'imp.changes': 'Changes ({n} shown of {total})', 'imp.change': 'Change',
    'imp.fields': 'Fields (before → after)', 'imp.flagsOnly': 'no field changed (demo record made real)', 'imp.earlier': 'Recent imports of the county',
    'imp.scope': 'Replaces', 'imp.scope.county': 'the county\'s whole layer (imported features the file lacks are removed)', 'imp.scope.villages': 'the villages the file touches', 'imp.scope.add': 'nothing: add and update only',
    'imp.gcj02': 'Coordinates are GCJ-02 (digitised on AMap, Tencent …): convert to CGCS2000', 'imp.map': 'Field mapping', 'imp.mapHint': 'e.g. bsm:标识码,dlbm:地类编码; empty: the standard field names',
    'err.upload': 'upload interrupted',
    'settings.basemap': 'Online base map', 'settings.none': 'None (offline, service layers only)', 'settings.osm': 'OpenStreetMap', 'settings.tdt': 'Tianditu (needs a key)',
    'settings.custom': 'Custom tile URL', 'settings.key': 'Tianditu key tk', 'settings.url': 'Tile URL template {z}/{x}/{y}', 'settings.save': 'Save',
    'settings.warn': 'Note: GCJ-02 base maps (AMap, Tencent) are offset hundreds of metres from this CGCS2000 data; do not mix them. With an online base map the browser sends requests to that tile server.',
    'settings.opacity': 'Base map opacity',
    'err.network': 'Network error: {msg}', 'err.tile': 'Tile failed: {msg}', 'err.notFound': 'Object not found',
    'auth.signIn': 'Sign in', 'auth.signOut': 'Sign out', 'auth.title': 'Sign in to LandAtlas', 'auth.username': 'User name', 'auth.password': 'Password',
    'auth.submit': 'Sign in', 'auth.wrong': 'Wrong user name or password', 'auth.throttled': 'Too many failed sign-ins: try again in {s} s', 'auth.retryNow': 'You can try again now',
    'auth.failed': 'Sign-in failed: {msg}', 'auth.lost': 'The new session was not kept; please try again', 'auth.welcome': 'Signed in as {name}', 'auth.bye': 'Signed out', 'auth.expired': 'Your session has ended; please sign in again',
    'auth.note': 'The public browses public data without signing in; staff sign in to see circulation contracts and household data of their counties.', 'auth.allCounties': 'all counties',
    'auth.needed': 'Sign-in needed', 'auth.neededText': 'This data is not public; staff of the county can see it after signing in.', 'auth.noRights': 'Not permitted',
    'auth.noRightsText': 'This account may not see this data.', 'auth.maybeHidden': 'Object not found. Some data is visible to signed-in staff only; signing in may show it.',
    'role.public': 'Public', 'role.staff': 'Staff', 'role.admin': 'Administrator',
    masked: 'masked', maskedTip: 'Names, ID numbers and phones are masked; accounts with the personal-data permission see them in full',
    contracts: 'Circulation contracts', contract: 'Contract', transferors: 'Transferors (households)', transferee: 'Transferee', contactPerson: 'Contact',
    household: 'Household', householdNo: 'Household no.', headName: 'Head of household', idNumber: 'ID number', phone: 'Phone', members: 'Members',
    years: 'years', filingNo: 'Filing no.', rent: 'Rent (yuan/mu/yr)', signedOn: 'Signed on', filedOn: 'Filed on', registered: 'Registered', dividend: 'Dividend terms', listing: 'Listing',
    creditCode: 'Credit code', mainBusiness: 'Main business', history: 'Status history', disputes: 'Disputes',
    'contracts.signIn': 'Circulation contracts are open to staff of the county only: sign in to see them.', 'contracts.otherCounty': 'Circulation contracts are open to staff of the county only.',
    'contracts.none': 'No circulation contract found for this parcel', 'household.signIn': 'Household data (head, ID number, phone) is open to staff of the county only: sign in to see it.',
    'household.otherCounty': 'Household data is open to staff of the county only.',
    'contract.draft': 'draft', 'contract.signed': 'signed', 'contract.filed': 'filed', 'contract.active': 'active', 'contract.expired': 'expired',
    'contract.terminated': 'terminated', 'contract.disputed': 'disputed', 'contract.expiring': 'expiring',
    'tk.enterprise': 'enterprise', 'tk.cooperative': 'cooperative', 'tk.family_farm': 'family farm', 'tk.large_grower': 'large grower', 'tk.village_collective': 'village collective', 'tk.other': 'other',
    admin: 'Admin', 'admin.title': 'Administration', 'admin.audit': 'Audit log', 'admin.accounts': 'Accounts', 'admin.tokens': 'API tokens', 'admin.import': 'Data import',
    'audit.at': 'Time', 'audit.actor': 'Actor', 'audit.kind': 'Kind', 'audit.ip': 'IP', 'audit.action': 'Action', 'audit.target': 'Target',
    'audit.county': 'County', 'audit.outcome': 'Outcome', 'audit.before': 'Before', 'audit.after': 'After', 'audit.detail': 'Detail', 'audit.ua': 'Client',
    'audit.from': 'From', 'audit.to': 'To', 'audit.search': 'Search', 'audit.reset': 'Clear', 'audit.more': 'More', 'audit.expand': 'Show details',
    'audit.count': '{n} records, {shown} shown', 'outcome.ok': 'ok', 'outcome.denied': 'denied', 'outcome.failed': 'failed',
    'acc.username': 'User name', 'acc.usernameHint': '3–64 letters, digits or _ . @ -', 'acc.displayName': 'Display name', 'acc.role': 'Role', 'acc.counties': 'Counties',
    'acc.personalData': 'Personal data', 'acc.personalDataHint': 'sees names, ID numbers and phones unmasked in its counties', 'acc.enabled': 'Enabled',
    'acc.lastLogin': 'Last sign-in', 'acc.never': 'never', 'acc.create': 'New account', 'acc.createBtn': 'Create account', 'acc.password': 'Initial password',
    'acc.passwordHint': 'at least 10 characters, not containing the user name', 'acc.edit': 'Edit', 'acc.save': 'Save', 'acc.cancel': 'Cancel', 'acc.reset': 'Reset password',
    'acc.newPassword': 'New password', 'acc.created': 'Account {u} created', 'acc.saved': 'Account {u} saved', 'acc.resetDone': 'Password of {u} reset', 'acc.disabled': 'disabled',
    'tok.account': 'Account', 'tok.name': 'Name', 'tok.prefix': 'Prefix', 'tok.created': 'Created', 'tok.expires': 'Expires', 'tok.lastUsed': 'Last used',
    'tok.state': 'State', 'tok.active': 'active', 'tok.revoked': 'revoked', 'tok.expired': 'expired', 'tok.never': 'never', 'tok.none': 'No API tokens yet', 'tok.create': 'New API token',
    'tok.createBtn': 'Create token', 'tok.days': 'Valid for days', 'tok.daysHint': 'optional; empty = no expiry', 'tok.secret': 'Token secret',
    'tok.secretWarn': 'Copy it now and keep it safe: the secret is shown only this once and cannot be shown again.', 'tok.copy': 'Copy', 'tok.copied': 'Copied',
    'tok.done': 'I have saved it — close', 'tok.usage': 'Use: header Authorization: Bearer <secret>', 'tok.revoke': 'Revoke',
    'tok.confirmRevoke': 'Revoke "{name}"? Programs using it lose access at once.', 'tok.confirm': 'Revoke now', 'tok.revokedDone': 'Token "{name}" revoked',
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
/** Strings of a feature's own module (Chinese, English), merged into the dictionaries. */
export function addMessages(zh, en) {
  Object.assign(messages.zh, zh);
  Object.assign(messages.en, en);
}
