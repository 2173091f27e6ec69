package org.nymdir.app.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a {@code .env} file exactly the way the original server did. Its loader ({@code server/src/envLoader.py}
 * in code-zm/nymCHAT, the same in every version) skips blank lines and lines that start with {@code #}, splits
 * each other line, stripped, at the first {@code =}, and writes name and value into its environment as they
 * are: no {@code export}, no quotes removed, no {@code $VAR} expanded, no comment after a value, and the file
 * wins over the environment ({@link Variables#overlay} it on top). A line without {@code =} stopped it.
 *
 * <p>Lines the original would have silently misread for one of our settings are refused, naming the line and
 * what the original did with it: {@code export NAME=}, spaces around {@code =}, a value in quotes, a comment
 * after a value, and a {@code $VAR} (the original took it literally; only its Docker build, once, expanded the
 * file with {@code envsubst}), unless the literal value names a file that exists. Lines for other names are kept
 * as the original kept them. Values are never shown when they may be secret.
 */
public final class DotEnv {
    private static final int MAX_SIZE = 64 * 1024;
    private static final Pattern REFERENCE =
            Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern COMMENT_AFTER_VALUE = Pattern.compile("\\s#");

    private record Line(int number, String name, String value) {
    }

    private final Map<String, Variables.Value> values;
    private final List<String> warnings;
    private final List<SettingException> problems;

    private DotEnv(Map<String, Variables.Value> values, List<String> warnings, List<SettingException> problems) {
        this.values = Map.copyOf(values);
        this.warnings = List.copyOf(warnings);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads {@code file}.
     *
     * @param required    whether the file must exist (it was named with {@code --env-file}); else a missing one
     *                    is no file at all
     * @param settings    the settings whose lines are checked for what the original would have misread
     * @param environment for the hint that shows what {@code envsubst} would have made of a {@code $VAR}
     * @throws SettingException when the file cannot be read; a line that would not mean what it says is one of
     *     the {@link #problems()} instead, so that the other lines (the log file's among them) can still be used
     *     to report it
     */
    public static DotEnv read(Path file, boolean required, Collection<? extends Setting<?>> settings,
                              Variables environment) {
        if (!Files.exists(file)) {
            if (required) {
                throw new SettingException("--env-file", "--env-file " + file + ": no such file; name the .env file"
                        + " to read, or /dev/null for none");
            }
            return new DotEnv(Map.of(), List.of(), List.of());
        }
        Map<Integer, SettingException> problems = new TreeMap<>(); // by line
        List<Line> lines = parse(file, text(file), problems);
        Map<String, Setting<?>> known = settings.stream().collect(Collectors.toMap(Setting::name, s -> s));
        Map<String, String> raw = new HashMap<>();
        lines.forEach(l -> raw.put(l.name(), l.value()));
        Map<String, Variables.Value> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Line line : lines) {
            String where = file + " line " + line.number();
            Setting<?> setting = known.get(line.name());
            try {
                refuseMisreadName(line, where, known.keySet());
                if (setting != null && !setting.secret()) {
                    refuseMisreadValue(setting, line, where, known, raw, environment);
                }
            } catch (SettingException e) {
                problems.put(line.number(), e);
                continue;
            }
            Integer before = lineOf.put(line.name(), line.number());
            if (setting != null && before != null) {
                warnings.add(line.name() + " is set on lines " + before + " and " + line.number() + " of " + file
                        + "; the last one counts, as in the original");
            }
            values.put(line.name(), new Variables.Value(line.value(), where));
        }
        return new DotEnv(values, warnings, List.copyOf(problems.values()));
    }

    /** What the file sets, by name, each with its line as origin. */
    public Map<String, Variables.Value> values() {
        return values;
    }

    /** What an operator should hear about the file even though it can be used (a setting set twice). */
    public List<String> warnings() {
        return warnings;
    }

    /** Lines that would not mean what they say, in file order: the start must stop on them. */
    public List<SettingException> problems() {
        return problems;
    }

    /** The values, or the first problem if there is one. */
    public Map<String, Variables.Value> valuesOrThrow() {
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return values;
    }

    private static String text(Path file) {
        if (Files.isDirectory(file)) {
            throw new SettingException("--env-file", file + " is a folder, not a .env file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SIZE + 1);
        } catch (IOException e) {
            throw new SettingException("--env-file", "cannot read " + file + ": " + e.getMessage());
        }
        if (bytes.length > MAX_SIZE) {
            throw new SettingException("--env-file", file + " is larger than " + MAX_SIZE + " bytes; is it really a"
                    + " .env file?");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SettingException("--env-file", file + " is not UTF-8 text");
        }
    }

    /** The original's reading: lines split at \n, \r\n or \r, as Python's text files split them. */
    private static List<Line> parse(Path file, String text, Map<Integer, SettingException> problems) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            String stripped = line.strip();
            // The original skipped only a # in the first column; an indented one it read as a name (or stopped
            // on): no setting can have been meant by it either way.
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int eq = stripped.indexOf('=');
            if (eq <= 0) {
                // No content in the message: a .env line may hold a secret.
                problems.put(number, new SettingException("--env-file", file + " line " + number + " is not a"
                        + " NAME=VALUE line (the original server stopped on such a line)"));
                continue;
            }
            lines.add(new Line(number, stripped.substring(0, eq), stripped.substring(eq + 1)));
        }
        return lines;
    }

    private static void refuseMisreadName(Line line, String where, Set<String> known) {
        String name = line.name();
        String meant = name.replace("\uFEFF", "").strip();
        boolean export = meant.matches("export\\s+\\S.*");
        if (export) {
            meant = meant.replaceFirst("export\\s+", "");
        }
        if (meant.equals(name) || !(known.contains(meant) || meant.startsWith("NYMDIR_"))) {
            return; // as written, or not meant for us: kept as the original kept it
        }
        String fix = " and so ignored the line; write " + meant + "=VALUE, or delete the line to keep what the"
                + " original did";
        if (name.startsWith("\uFEFF")) {
            throw new SettingException(meant, where + ": the file starts with a byte-order mark, which the original"
                    + " server read as part of the name " + meant + " and so ignored the line; save the file as"
                    + " UTF-8 without it");
        }
        if (export) {
            throw new SettingException(meant, where + ": 'export " + meant + "=': the original server read the name"
                    + " as '" + name + "'" + fix);
        }
        throw new SettingException(meant, where + ": spaces around '=' after " + meant + ": the original server read"
                + " the name as '" + name + "'" + fix);
    }

    private static void refuseMisreadValue(Setting<?> setting, Line line, String where, Map<String, Setting<?>> known,
                                           Map<String, String> file, Variables environment) {
        String value = line.value();
        String shown = setting.name() + "=" + SettingException.shown(value) + " (" + where + ")";
        if (!value.isEmpty() && Character.isWhitespace(value.charAt(0))) {
            throw new SettingException(setting.name(), shown + " has a space after '=': the original server kept it"
                    + " as part of the value; write " + setting.name() + "=VALUE");
        }
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            throw new SettingException(setting.name(), shown + " is in quotes: the original server kept them as part"
                    + " of the value; remove them");
        }
        if (COMMENT_AFTER_VALUE.matcher(value).find()) {
            throw new SettingException(setting.name(), shown + " has a comment after the value: the original server"
                    + " kept it as part of the value; put the comment on a line of its own");
        }
        Matcher reference = REFERENCE.matcher(value);
        if (reference.find() && !existsLiterally(value)) {
            String name = reference.group(1) != null ? reference.group(1) : reference.group(2);
            String expanded = envsubst(value, known, file, environment);
            throw new SettingException(setting.name(), shown + " holds $" + name + ", which the original server did"
                    + " not expand (it took .env values literally; only its Docker build expanded them once, with"
                    + " envsubst" + (expanded == null ? "" : ", to " + SettingException.shown(expanded))
                    + "); write the value you mean");
        }
    }

    /** A value that names an existing file as written is what the original used, whatever it looks like. */
    private static boolean existsLiterally(String value) {
        try {
            return Files.exists(Path.of(value));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * What envsubst makes of it: each reference replaced by the variable, or by nothing when it is not set. Null
     * when a reference is not one of our settings or a secret one: its value must not reach a log line.
     */
    private static String envsubst(String value, Map<String, Setting<?>> known, Map<String, String> file,
                                   Variables environment) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            Setting<?> referenced = known.get(name);
            if (referenced == null || referenced.secret()) {
                return null;
            }
            String replacement = file.containsKey(name) ? file.get(name)
                    : environment.value(name).map(Variables.Value::text).orElse("");
            m.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(expanded).toString();
    }
}
