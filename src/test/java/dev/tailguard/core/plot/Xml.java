package dev.tailguard.core.plot;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

final class Xml {

    private Xml() {
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static int count(Document d, String tag, String cssClass) {
        NodeList list = d.getElementsByTagName(tag);
        int n = 0;
        for (int i = 0; i < list.getLength(); i++) {
            if (cssClass == null || cssClass.equals(((Element) list.item(i)).getAttribute("class"))) {
                n++;
            }
        }
        return n;
    }

    static String firstText(Document d, String tag, String cssClass) {
        NodeList list = d.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (cssClass == null || cssClass.equals(e.getAttribute("class"))) {
                return e.getTextContent();
            }
        }
        return null;
    }
}
