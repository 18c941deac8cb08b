package org.landatlas.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.landatlas.platform.ApiException;

/**
 * An uploaded file in a private temporary directory: a zip is unpacked there with every entry's name, count and
 * size checked against what was actually read (never the sizes the archive declares), so a path-traversal name,
 * a zip bomb or a truncated archive is refused with the reason before GDAL sees anything.
 */
final class Upload implements AutoCloseable {

    /** Formats GDAL reads for us, by file extension (a File Geodatabase is a directory ending in .gdb). */
    static final List<String> DATASET_EXTENSIONS = List.of(".gpkg", ".shp", ".geojson", ".json", ".kml", ".csv", ".gdb");
    static final int MAX_ENTRIES = 10_000;

    final Path directory;
    final String fileName;
    final long bytes;

    private Upload(Path directory, String fileName, long bytes) {
        this.directory = directory;
        this.fileName = fileName;
        this.bytes = bytes;
    }

    /** Saves {@code body} under {@code fileName} (its base name only), unpacking a .zip; at most maxBytes either way. */
    static Upload save(InputStream body, String fileName, long maxBytes) throws IOException {
        String name = baseName(fileName);
        Path dir = Files.createTempDirectory("landatlas-import");
        Upload upload = null;
        try {
            Path file = dir.resolve(name);
            long n = copy(body, file, maxBytes, "larger than the limit of " + maxBytes / (1024 * 1024) + " MB (landatlas.exchange.max-upload-mb)");
            upload = new Upload(dir, name, n);
            if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                unzip(file, dir.resolve("unpacked"), maxBytes);
                Files.delete(file);
            }
            return upload;
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private static String baseName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw ApiException.badInput("fileName", "the upload needs a file name with its extension (e.g. dltb.zip, parcels.gpkg)");
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.isEmpty() || base.equals(".") || base.equals("..") || base.chars().anyMatch(c -> c < 32)) {
            throw ApiException.badInput("fileName", "'" + fileName + "' is not a usable file name");
        }
        return base;
    }

    /** Copies at most maxBytes; past that, refuses the file with {@code tooLarge} as the reason. */
    private static long copy(InputStream in, Path target, long maxBytes, String tooLarge) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int r; (r = in.read(buffer)) > 0; ) {
                total += r;
                if (total > maxBytes) {
                    throw ApiException.badInput("file", tooLarge);
                }
                out.write(buffer, 0, r);
            }
        }
        return total;
    }

    private static void unzip(Path zip, Path into, long maxBytes) throws IOException {
        Files.createDirectories(into);
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw ApiException.badInput("file", "the zip holds more than " + MAX_ENTRIES + " entries");
                }
                Path target = into.resolve(e.getName()).normalize();
                if (e.getName().startsWith("/") || e.getName().contains("..") || !target.startsWith(into)) {
                    throw ApiException.badInput("file", "the zip entry '" + e.getName() + "' points outside the archive");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                long remaining = maxBytes - total;
                total += copy(in, target, remaining, "the zip unpacks to more than " + maxBytes / (1024 * 1024) + " MB (landatlas.exchange.max-upload-mb); refused");
            }
        } catch (ZipException | java.io.EOFException e) {
            throw ApiException.badInput("file", "not a readable zip archive (" + e.getMessage() + ")");
        }
        if (entries == 0) {
            throw ApiException.badInput("file", "not a zip archive, or an empty one");
        }
    }

    /** The dataset to read: the one file (or .gdb directory) of a known format; {@code layer} is passed on to GDAL. */
    Path dataset() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(directory)) {
            all.filter(p -> !p.equals(directory)).forEach(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean gdb = Files.isDirectory(p) && n.endsWith(".gdb");
                boolean file = Files.isRegularFile(p) && DATASET_EXTENSIONS.stream().anyMatch(n::endsWith) && !n.endsWith(".gdb");
                boolean insideGdb = p.getParent() != null && p.getParent().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gdb");
                if ((gdb || file) && !insideGdb) {
                    found.add(p);
                }
            });
        }
        if (found.isEmpty()) {
            throw ApiException.badInput("file", "no dataset found in '" + fileName + "': expected one of " + String.join(", ", DATASET_EXTENSIONS)
                    + " (a Shapefile with its .shx, .dbf and .prj, zipped)");
        }
        if (found.size() > 1) {
            throw ApiException.badInput("file", "'" + fileName + "' holds " + found.size() + " datasets (" + String.join(", ",
                    found.stream().map(p -> directory.relativize(p).toString()).sorted().toList()) + "); upload one at a time");
        }
        Path d = found.get(0);
        if (d.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".shp")) {
            for (String part : List.of(".shx", ".dbf")) {
                if (sibling(d, part) == null) {
                    throw ApiException.badInput("file", "the Shapefile " + d.getFileName() + " has no " + part + " beside it (zip the .shp, .shx, .dbf, .prj and .cpg together)");
                }
            }
            sameRecordCount(d);
        }
        return d;
    }

    /**
     * The .shp's shapes (its .shx index: a 100-byte header, then 8 bytes a shape) and the .dbf's records (a count in
     * its header) must agree: GDAL would otherwise read as many features as the shorter has, silently losing the rest.
     * Read by hand because it is two header fields, which GDAL does not report.
     */
    static void sameRecordCount(Path shp) throws IOException {
        long shx = Files.size(sibling(shp, ".shx"));
        long shapes = (shx - 100) / 8;
        long records;
        try (var in = Files.newInputStream(sibling(shp, ".dbf"))) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                throw ApiException.badInput("file", "the .dbf of " + shp.getFileName() + " is truncated (no header)");
            }
            records = java.nio.ByteBuffer.wrap(header, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        }
        if (shx < 100 || (shx - 100) % 8 != 0) {
            throw ApiException.badInput("file", "the .shx of " + shp.getFileName() + " is damaged (" + shx + " bytes)");
        }
        if (shapes != records) {
            throw ApiException.badInput("file", "the .dbf of " + shp.getFileName() + " has " + records + " records but the .shp " + shapes
                    + " shapes: the parts are of different files; nothing was read");
        }
    }

    /** A file next to {@code shp} with the same base name and this extension, in any letter case. */
    static Path sibling(Path shp, String extension) throws IOException {
        String n = shp.getFileName().toString();
        String stem = n.substring(0, n.length() - 4);
        try (Stream<Path> files = Files.list(shp.getParent())) {
            return files.filter(p -> p.getFileName().toString().equalsIgnoreCase(stem + extension)).findFirst().orElse(null);
        }
    }

    @Override
    public void close() {
        delete(directory);
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary directory
        }
    }
}
