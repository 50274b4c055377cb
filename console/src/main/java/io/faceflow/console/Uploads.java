package io.faceflow.console;

import io.faceflow.core.image.ImageFormat;
import io.faceflow.core.image.InvalidImageException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Photos posted as multipart form data, checked before any of them is used: count, size, and that
 * the bytes really are an image (the header is sniffed; the declared type is not trusted). One bad
 * file refuses the whole request, so a refused upload changes nothing.
 */
final class Uploads {
    private Uploads() {}

    /** The photos of form field {@code field}, by file name in upload order. */
    static Map<String, byte[]> photos(Context ctx, String field, int maxFiles, long maxBytes) {
        List<UploadedFile> files = ctx.uploadedFiles(field);
        if (files.isEmpty()) {
            throw new BadRequestResponse("no photo was uploaded: choose at least one JPEG or PNG file");
        }
        if (files.size() > maxFiles) {
            throw new BadRequestResponse(files.size() + " photos were uploaded; at most " + maxFiles + " are accepted");
        }
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (UploadedFile file : files) {
            String name = file.filename() == null || file.filename().isBlank() ? "photo" : file.filename();
            if (file.size() > maxBytes) {
                throw new ContentTooLargeResponse(name + " is " + file.size() / 1024 + " KB; photos up to "
                        + maxBytes / 1024 + " KB are accepted: nothing was changed");
            }
            byte[] bytes = read(file, name);
            try {
                ImageFormat.sniff(bytes);
            } catch (InvalidImageException e) {
                throw new BadRequestResponse(name + " is not an image the console accepts (" + e.getMessage()
                        + "): nothing was changed");
            }
            photos.put(unique(photos, name), bytes);
        }
        return photos;
    }

    /** The one photo of form field {@code field}. */
    static Map.Entry<String, byte[]> photo(Context ctx, String field, long maxBytes) {
        return photos(ctx, field, 1, maxBytes).entrySet().iterator().next();
    }

    private static byte[] read(UploadedFile file, String name) {
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload " + name, e);
        }
    }

    private static String unique(Map<String, byte[]> taken, String name) {
        String candidate = name;
        for (int n = 2; taken.containsKey(candidate); n++) {
            candidate = n + "-" + name;
        }
        return candidate;
    }
}
