package io.pflogstream.io;

import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything this JVM logs while it is open, at the given levels (below the test configuration's
 * quiet defaults), with each exception's full chain and stack: what an operator who turns the job's
 * logging up would see. The console keeps printing only what it printed before.
 */
public final class LogCapture implements AutoCloseable {
    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Appender appender;
    private final Map<String, Level> levels;
    private final Map<String, Level> before = new java.util.HashMap<>();
    private final java.util.List<String> added = new java.util.ArrayList<>();

    /** @param levels logger name ("" for the root) → the level to capture from */
    public LogCapture(Map<String, Level> levels) {
        this.levels = levels;
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder()
                .setName("log-capture")
                .setTarget(text)
                .setLayout(PatternLayout.newBuilder()
                        .withConfiguration(config)
                        .withPattern("%p %c - %m%n%throwable")
                        .build())
                .build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        Appender console = root.getAppenders().get("stderr");
        if (console != null) {
            // the console shows what it showed before; the capture gets everything enabled
            root.removeAppender("stderr");
            root.addAppender(console, Level.WARN, null);
        }
        root.addAppender(appender, Level.ALL, null);
        levels.forEach((name, level) -> {
            LoggerConfig logger = config.getLoggerConfig(name);
            if (!logger.getName().equals(name)) {
                logger = new LoggerConfig(name, level, true);
                config.addLogger(name, logger);
                added.add(name); // removed again on close
            } else {
                before.put(name, logger.getLevel());
            }
            logger.setLevel(level);
        });
        context.updateLoggers();
    }

    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        before.forEach((name, level) -> config.getLoggerConfig(name).setLevel(level));
        added.forEach(config::removeLogger);
        context.updateLoggers();
        appender.stop();
    }
}
