package org.landatlas.ogcapi;

/** The HTML pages of {@code /ogc}: plain, server-rendered, every text escaped, Chinese first. */
final class Html {

    private Html() {
    }

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String link(String href, Object text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    /** A whole page; {@code body} is HTML already escaped. {@code json} is the same resource as JSON. */
    static String page(String base, String title, String json, String body) {
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · LandAtlas OGC API</title><link rel=\"alternate\" type=\"application/json\" href=\"" + esc(json) + "\">"
                + "<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:1.5em;max-width:72em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4}nav a{margin-right:1em}</style></head><body>"
                + "<nav>" + link(base, "首页 Landing page") + link(base + "/collections", "要素集 Collections") + link(base + "/conformance", "符合性 Conformance")
                + link(base + "/api?f=html", "接口定义 API") + link(json, "JSON") + "</nav><h1>" + esc(title) + "</h1>" + body + "</body></html>\n";
    }
}
