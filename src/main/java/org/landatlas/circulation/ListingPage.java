package org.landatlas.circulation;

import java.util.List;
import java.util.Map;

import org.landatlas.security.Viewer;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The public page of a listing, {@code /listings/{listingNo}}, as on a property-rights exchange (产权交易平台):
 * its facts in Chinese first, a map of its outline (an SVG drawn by PostGIS, so it prints and needs no tiles),
 * photos, and print CSS. Anonymous visitors see listings on offer only (others are 404, as if absent); staff of
 * the county see any of theirs. No personal data is on a listing, and the page shows only listing fields.
 */
@RestController
class ListingPage {

    private final NamedParameterJdbcTemplate jdbc;

    ListingPage(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(value = "/listings/{listingNo}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String listingNo) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT l.id, l.listing_no, l.title, l.county_code, l.village_code, l.land_kind, l.pooled, l.area_mu::float8 AS area_mu,
                       l.price_yuan_per_mu_year::float8 AS price, l.min_term_years, l.term_years, l.modes, l.allowed_uses, l.intended_use,
                       l.transferee_conditions, l.contact_office, l.listed_on, l.expires_on, l.status, l.synthetic,
                       (SELECT count(*) FROM circulation_listing_parcel lp WHERE lp.listing_id = l.id) AS parcels,
                       ST_AsSVG(ST_Transform(l.geom, 3857), 0, 1) AS svg, ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1,
                       ST_Y(ST_Centroid(l.geom)) AS lat, ST_X(ST_Centroid(l.geom)) AS lon
                FROM circulation_listing l CROSS JOIN LATERAL (SELECT ST_Transform(l.geom, 3857) AS e) b
                WHERE l.listing_no = :no""", Map.of("no", listingNo));
        Viewer v = Viewer.current();
        if (rows.isEmpty() || !(ListingStatus.ON_OFFER.contains((String) rows.get(0).get("status")) || v.isStaffIn((String) rows.get(0).get("county_code")))) {
            // Not on offer and absent answer alike, so the public learns nothing of drafts or closed deals.
            return ResponseEntity.status(404).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                    .body("<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>404</title><p>没有此挂牌 No listing " + e(listingNo)
                            + " is on offer.</p><p><a href=\"/\">LandAtlas</a></p></html>");
        }
        Map<String, Object> l = rows.get(0);
        List<Map<String, Object>> photos = jdbc.queryForList("""
                SELECT id, file_name, content_type FROM circulation_attachment WHERE listing_id = :id ORDER BY id""", Map.of("id", l.get("id")));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(render(l, photos));
    }

    private static String render(Map<String, Object> l, List<Map<String, Object>> files) {
        double x0 = ((Number) l.get("x0")).doubleValue();
        double y0 = ((Number) l.get("y0")).doubleValue();
        double w = Math.max(((Number) l.get("x1")).doubleValue() - x0, 1);
        double h = Math.max(((Number) l.get("y1")).doubleValue() - y0, 1);
        double pad = Math.max(w, h) * 0.08;
        // ST_AsSVG writes y as −northing, so the box's top is −ymax.
        String viewBox = (x0 - pad) + " " + (-(y0 + h) - pad) + " " + (w + 2 * pad) + " " + (h + 2 * pad);
        Object price = l.get("price");
        String priceText = price == null ? "面议 Negotiable" : String.format("%.2f 元/亩/年", ((Number) price).doubleValue());
        String term = (l.get("min_term_years") == null ? "" : l.get("min_term_years") + "–") + l.get("term_years") + " 年 years";
        StringBuilder b = new StringBuilder(4096);
        b.append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(e(l.get("title"))).append(" · ").append(e(l.get("listing_no"))).append(" · LandAtlas 土地流转挂牌</title>")
                .append("<style>")
                .append("body{font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#222}")
                .append("h1{font-size:1.5em;margin:.2em 0}.no{color:#666}.status{display:inline-block;padding:2px 8px;border-radius:4px;background:#c2185b;color:#fff}")
                .append(".grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}@media(max-width:700px){.grid{grid-template-columns:1fr}}")
                .append("table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}th{width:9em;color:#555;font-weight:600}")
                .append("svg{width:100%;height:auto;border:1px solid #ccc;background:#f5f3ea}.photos img{max-width:48%;margin:4px}.note{color:#777;font-size:.85em}")
                .append("@media print{.noprint{display:none}body{max-width:none}a{color:inherit;text-decoration:none}.status{border:1px solid #000;color:#000;background:none}}")
                .append("</style></head><body>")
                .append("<p class=\"noprint\"><a href=\"/#c=").append(e(l.get("county_code"))).append("&z=15&ll=")
                .append(String.format("%.5f,%.5f", ((Number) l.get("lat")).doubleValue(), ((Number) l.get("lon")).doubleValue()))
                .append("&l=parcels,circulation_listings&sel=listing:").append(e(l.get("id"))).append("\">在地图中查看 Open in the map</a> · ")
                .append("<a href=\"javascript:print()\">打印 Print</a></p>")
                .append("<p class=\"no\">挂牌编号 Listing No. <b id=\"listing-no\">").append(e(l.get("listing_no"))).append("</b> · <span class=\"status\" id=\"status\">")
                .append(statusName((String) l.get("status"))).append("</span></p>")
                .append("<h1 id=\"title\">").append(e(l.get("title"))).append("</h1>")
                .append("<div class=\"grid\"><div><table>");
        row(b, "土地类型 Land", kindName((String) l.get("land_kind")) + (Boolean.TRUE.equals(l.get("pooled")) ? " · 预流转(村集体连片) pooled" : ""));
        row(b, "面积 Area", String.format("%.2f 亩 mu (%.2f 公顷 ha)", ((Number) l.get("area_mu")).doubleValue(), ((Number) l.get("area_mu")).doubleValue() / 15));
        row(b, "地块数 Parcels", String.valueOf(l.get("parcels")));
        row(b, "挂牌价 Asking rent", priceText);
        row(b, "流转年限 Term", term);
        row(b, "流转方式 Modes", modes(l.get("modes")));
        row(b, "允许用途 Allowed uses", list(l.get("allowed_uses")));
        row(b, "拟用途 Intended use", l.get("intended_use"));
        row(b, "受让方条件 Transferee conditions", l.get("transferee_conditions"));
        row(b, "挂牌日期 Listed on", l.get("listed_on"));
        row(b, "截止日期 Closes on", l.get("expires_on"));
        row(b, "联系机构 Contact office", l.get("contact_office"));
        b.append("</table></div><div><svg id=\"listing-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"").append(viewBox)
                .append("\" role=\"img\" aria-label=\"地块范围 Outline of the listing\"><path d=\"").append(e(l.get("svg")))
                .append("\" fill=\"#c2185b55\" stroke=\"#c2185b\" stroke-width=\"").append(Math.max(w, h) / 300).append("\"/></svg>")
                .append("<p class=\"note\">图形为地块边界示意 (CGCS2000, Web Mercator). Outline of the parcels.</p><div class=\"photos\">");
        for (Map<String, Object> f : files) {
            String url = "/circulation/attachments/" + f.get("id");
            if (((String) f.get("content_type")).startsWith("image/")) {
                b.append("<img src=\"").append(url).append("\" alt=\"").append(e(f.get("file_name"))).append("\">");
            } else {
                b.append("<p><a href=\"").append(url).append("\">").append(e(f.get("file_name"))).append("</a> (PDF)</p>");
            }
        }
        b.append("</div></div></div>");
        if (Boolean.TRUE.equals(l.get("synthetic"))) {
            b.append("<p class=\"note\">演示数据 Synthetic demo data.</p>");
        }
        b.append("<p class=\"note\">本页不含农户个人信息；洽谈请联系上述机构。No personal data is published; contact the office above.</p></body></html>");
        return b.toString();
    }

    private static void row(StringBuilder b, String label, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            b.append("<tr><th>").append(e(label)).append("</th><td>").append(e(value)).append("</td></tr>");
        }
    }

    private static String e(Object v) {
        return v == null ? "" : HtmlUtils.htmlEscape(v.toString(), "UTF-8");
    }

    private static List<String> strings(Object array) {
        try {
            return array == null ? List.of() : List.of((String[]) ((java.sql.Array) array).getArray());
        } catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String list(Object array) {
        return String.join("、", strings(array));
    }

    private static String modes(Object array) {
        return String.join("、", strings(array).stream().map(m -> switch (m) {
            case "lease" -> "出租(转包) lease";
            case "equity" -> "入股 equity";
            default -> "其他(托管、合作) other";
        }).toList());
    }

    private static String kindName(String k) {
        return switch (k) {
            case "farmland" -> "耕地 Cropland";
            case "pasture" -> "草场 Pasture";
            case "forest" -> "林地 Forest";
            case "garden" -> "园地 Garden";
            case "facility" -> "设施 Facilities";
            default -> "混合 Mixed";
        };
    }

    private static String statusName(String s) {
        return switch (s) {
            case "listed" -> "挂牌中 Listed";
            case "negotiating" -> "洽谈中 Negotiating";
            case "contracted" -> "已成交 Contracted";
            case "withdrawn" -> "已撤回 Withdrawn";
            case "expired" -> "已过期 Expired";
            default -> "草稿 Draft";
        };
    }
}
