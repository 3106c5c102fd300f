package com.slm.adapter.libvirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The network interfaces of a domain's live XML, and the interface XML that sets one's link state. libvirt's
 * updateDeviceFlags needs the whole interface element (with its source), so each is rewritten in full.
 */
final class InterfaceLinks {

    /** One interface: its MAC, its target device, its link state, and its full XML. */
    record Link(String mac, String target, boolean up, Element element) {
        boolean matches(List<String> selection) {
            return selection.isEmpty() || selection.contains(mac) || (target != null && selection.contains(target));
        }
    }

    private InterfaceLinks() {
    }

    static List<Link> of(String domainXml) {
        Document document = parse(domainXml);
        NodeList interfaces = document.getElementsByTagName("interface");
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < interfaces.getLength(); i++) {
            Element element = (Element) interfaces.item(i);
            if (!(element.getParentNode() instanceof Element parent) || !"devices".equals(parent.getTagName())) {
                continue;
            }
            String mac = attribute(element, "mac", "address");
            String target = attribute(element, "target", "dev");
            String state = attribute(element, "link", "state");
            links.add(new Link(mac, target, !"down".equals(state), element));
        }
        return links;
    }

    /** The interface's XML with {@code <link state='up|down'/>}, for updateDeviceFlags. */
    static String withLinkState(Link link, boolean up) {
        Element copy = (Element) link.element().cloneNode(true);
        Element linkElement = null;
        NodeList children = copy.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && "link".equals(child.getTagName())) {
                linkElement = child;
            }
        }
        if (linkElement == null) {
            linkElement = copy.getOwnerDocument().createElement("link");
            copy.appendChild(linkElement);
        }
        linkElement.setAttribute("state", up ? "up" : "down");
        return serialize(copy);
    }

    private static String attribute(Element element, String child, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element e && child.equals(e.getTagName()) && e.hasAttribute(name)) {
                return e.getAttribute(name);
            }
        }
        return null;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("libvirt returned domain XML that does not parse: " + e.getMessage(), e);
        }
    }

    private static String serialize(Element element) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write interface XML", e);
        }
    }
}
