package org.nymdir.load.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on: they mean little without it. */
final class Machine {
    private Machine() {
    }

    static ObjectNode describe() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("nproc", Runtime.getRuntime().availableProcessors());
        n.put("cpu", cpuModel());
        n.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        n.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return n;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }
}
