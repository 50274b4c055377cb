package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.bridge.SLF4JBridgeHandler;

class LoggingRouteTest {
    @Test
    void javaUtilLoggingGoesThroughTheApplicationsLoggingNotStraightToTheTerminal() {
        Main.routeJavaUtilLogging();
        Handler[] handlers = Logger.getLogger("").getHandlers();
        assertEquals(1, handlers.length, "JUL's console handler is removed");
        assertInstanceOf(SLF4JBridgeHandler.class, handlers[0]);
    }
}
