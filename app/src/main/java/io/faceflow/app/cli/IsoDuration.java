package io.faceflow.app.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An option's ISO-8601 duration (P30D, PT12H), with an error that shows how to write one. */
public final class IsoDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative: give a duration of 0 or more");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration: write P30D (30 days),"
                    + " PT12H (12 hours) or PT0S (none)");
        }
    }
}
