package dev.trawl.cli;

import dev.trawl.Page;
import dev.trawl.PageHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;
import picocli.CommandLine.Option;

/**
 * The {@code --extract} options, and the page handler they make: named CSS selectors applied
 * to every fetched page, their values put in the page's record and, with {@code --items}, in an
 * item per page.
 */
final class Extraction {

    /** {@code SELECTOR@attr}: an attribute name (jsoup's {@code abs:} prefix too) after the last {@code @}. */
    private static final Pattern ATTRIBUTE = Pattern.compile("(.*\\S)\\s*@([A-Za-z_:][-A-Za-z0-9_:.]*)");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    @Option(
            names = "--extract",
            paramLabel = "NAME=SELECTOR",
            description = "Put the text of the first element matching a CSS selector (jsoup's syntax) in each page's"
                    + " record, as \"extracted\": {\"NAME\": ...} (null when nothing matches); SELECTOR@attr takes an"
                    + " attribute instead (@abs:href for an absolute URL). Repeatable.")
    List<String> first = new ArrayList<>();

    @Option(
            names = "--extract-all",
            paramLabel = "NAME=SELECTOR",
            description = "As --extract, but a list of every match. Repeatable.")
    List<String> all = new ArrayList<>();

    @Option(
            names = "--items",
            paramLabel = "FILE",
            description = "Write an item per page where an --extract found something, as JSON Lines: {\"url\": the"
                    + " page, NAME: value, ...}. With --state they also go to its items table, once each.")
    String items;

    /** One named selector. */
    record Field(String name, Evaluator selector, String attribute, boolean all) {

        /** The first match's text or attribute, or null; for {@code all}, every match's. */
        Object value(Page page) {
            if (!all) {
                Element e = page.document().selectFirst(selector);
                return e == null ? null : read(e);
            }
            List<String> values = new ArrayList<>();
            for (Element e : Selector.select(selector, page.document())) {
                String v = read(e);
                if (v != null) {
                    values.add(v);
                }
            }
            return values;
        }

        private String read(Element e) {
            if (attribute == null) {
                return e.text();
            }
            return e.hasAttr(attribute) ? e.attr(attribute) : null;
        }
    }

    /**
     * The fields asked for, checked before anything is fetched.
     *
     * @throws Main.UsageException for a spec without a name, a name given twice, or a bad selector
     */
    List<Field> fields() {
        if (items != null && first.isEmpty() && all.isEmpty()) {
            throw new Main.UsageException("--items writes what --extract finds: add --extract NAME=SELECTOR");
        }
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String spec : first) {
            fields.add(parse("--extract", spec, false));
        }
        for (String spec : all) {
            fields.add(parse("--extract-all", spec, true));
        }
        for (Field f : fields) {
            if (f.name().equals("url")) {
                throw new Main.UsageException("--extract: 'url' names the page in each item; choose another name");
            }
            if (!names.add(f.name())) {
                throw new Main.UsageException("--extract: the name '" + f.name() + "' is given twice");
            }
        }
        return fields;
    }

    private static Field parse(String option, String spec, boolean all) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? "" : spec.substring(0, eq).trim();
        if (!NAME.matcher(name).matches()) {
            throw new Main.UsageException(
                    option + " wants NAME=SELECTOR (a name of letters, digits, _ . -), not '" + spec + "'");
        }
        String css = spec.substring(eq + 1).trim();
        String attribute = null;
        Matcher m = ATTRIBUTE.matcher(css);
        if (m.matches()) {
            css = m.group(1);
            attribute = m.group(2);
        }
        if (css.isEmpty()) {
            throw new Main.UsageException(option + " " + name + ": the selector is empty");
        }
        try {
            return new Field(name, Selector.evaluatorOf(css), attribute, all);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            throw new Main.UsageException(
                    option + " " + name + ": '" + css + "' is not a CSS selector (" + e.getMessage() + ")");
        }
    }

    /** The handler that applies the fields to each page; an item per page too when {@code --items} is given. */
    PageHandler handler(List<Field> fields) {
        boolean emit = items != null;
        return page -> {
            if (!page.isHtml()) {
                return; // a file read for --save
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("url", page.finalUrl().href());
            boolean found = false;
            for (Field f : fields) {
                Object v = f.value(page);
                page.extract(f.name(), v);
                item.put(f.name(), v);
                found |= v != null && !(v instanceof List<?> l && l.isEmpty());
            }
            if (emit && found) {
                page.emit(item);
            }
        };
    }
}
