package com.slm.audit;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a BPMN model from its diagram layout (BPMN DI) as SVG, with the elements a migration passed through
 * highlighted, and the flows between them: the auditor's view of the path taken, without any front-end build.
 */
public final class BpmnDiagramSvg {
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

    private BpmnDiagramSvg() {
    }

    public static String render(String bpmnXml, Set<String> passed, Set<String> active) {
        Document doc = parse(bpmnXml);
        Map<String, Element> elements = new HashMap<>();
        NodeList all = doc.getElementsByTagNameNS(BPMN, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("id")) {
                elements.put(e.getAttribute("id"), e);
            }
        }
        StringBuilder shapes = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        double maxX = 0;
        double maxY = 0;
        NodeList shapeNodes = doc.getElementsByTagNameNS(BPMNDI, "BPMNShape");
        for (int i = 0; i < shapeNodes.getLength(); i++) {
            Element shape = (Element) shapeNodes.item(i);
            Element bounds = (Element) shape.getElementsByTagNameNS(DC, "Bounds").item(0);
            String id = shape.getAttribute("bpmnElement");
            Element element = elements.get(id);
            if (bounds == null || element == null) {
                continue;
            }
            double x = num(bounds, "x");
            double y = num(bounds, "y");
            double w = num(bounds, "width");
            double h = num(bounds, "height");
            maxX = Math.max(maxX, x + w);
            maxY = Math.max(maxY, y + h + 30);
            String kind = element.getLocalName();
            String css = active.contains(id) ? "active" : passed.contains(id) ? "passed" : "idle";
            String name = escape(element.getAttribute("name"));
            shapes.append("<g class=\"").append(css).append("\" data-id=\"").append(escape(id)).append("\">");
            if (kind.endsWith("Event")) {
                shapes.append(String.format(Locale.ROOT, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\"/>", x + w / 2, y + h / 2, w / 2));
                label(shapes, name, x + w / 2, y + h + 14, 9);
            } else if (kind.endsWith("Gateway")) {
                shapes.append(String.format(Locale.ROOT, "<polygon points=\"%.0f,%.0f %.0f,%.0f %.0f,%.0f %.0f,%.0f\"/>",
                        x + w / 2, y, x + w, y + h / 2, x + w / 2, y + h, x, y + h / 2));
                label(shapes, name, x + w / 2, y + h + 14, 9);
            } else if ("subProcess".equals(kind)) {
                shapes.append(String.format(Locale.ROOT, "<rect class=\"container\" x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" rx=\"10\"/>", x, y, w, h));
                label(shapes, name, x + w / 2, y + 14, 10);
            } else {
                shapes.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" rx=\"8\"/>", x, y, w, h));
                label(shapes, name, x + w / 2, y + h / 2 + 3, 9);
            }
            shapes.append("</g>\n");
        }
        NodeList edgeNodes = doc.getElementsByTagNameNS(BPMNDI, "BPMNEdge");
        for (int i = 0; i < edgeNodes.getLength(); i++) {
            Element edge = (Element) edgeNodes.item(i);
            Element flow = elements.get(edge.getAttribute("bpmnElement"));
            boolean taken = flow != null && passed.contains(flow.getAttribute("sourceRef"))
                    && (passed.contains(flow.getAttribute("targetRef")) || active.contains(flow.getAttribute("targetRef")));
            StringBuilder points = new StringBuilder();
            NodeList waypoints = edge.getElementsByTagNameNS(DI, "waypoint");
            for (int j = 0; j < waypoints.getLength(); j++) {
                Element p = (Element) waypoints.item(j);
                points.append(String.format(Locale.ROOT, "%.0f,%.0f ", num(p, "x"), num(p, "y")));
            }
            edges.append("<polyline class=\"").append(taken ? "flow taken" : "flow").append("\" points=\"")
                    .append(points.toString().trim()).append("\" marker-end=\"url(#arrow)\"/>\n");
        }
        return String.format(Locale.ROOT, """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" font-family="sans-serif">
                <style>
                  rect, circle, polygon { fill: #fff; stroke: #888; stroke-width: 1.5 }
                  rect.container { fill: none; stroke-dasharray: 4 3 }
                  .passed rect:not(.container), .passed circle, .passed polygon { fill: #dff3e3; stroke: #1a7f37; stroke-width: 2.5 }
                  .active rect:not(.container), .active circle, .active polygon { fill: #fff4ce; stroke: #b35900; stroke-width: 3 }
                  .flow { fill: none; stroke: #aaa; stroke-width: 1.2 }
                  .flow.taken { stroke: #1a7f37; stroke-width: 2.5 }
                  text { font-size: 9px; fill: #222; text-anchor: middle }
                </style>
                <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#777"/></marker></defs>
                %s%s</svg>
                """, maxX + 20, maxY + 20, maxX + 20, maxY + 20, edges, shapes);
    }

    private static void label(StringBuilder out, String name, double x, double y, int size) {
        if (name.isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" style=\"font-size:%dpx\">", x, y, size));
        out.append(name.length() > 28 ? name.substring(0, 27) + "…" : name).append("</text>");
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalStateException("The deployed model does not parse: " + e.getMessage(), e);
        }
    }
}
