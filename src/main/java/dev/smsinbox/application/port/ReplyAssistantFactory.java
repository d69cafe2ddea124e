package dev.smsinbox.application.port;

/**
 * The reply assistants' extension point: {@code ai.provider} names a factory by its id, its
 * settings are {@code ai.<id>.*}, and it is listed in {@code
 * META-INF/services/dev.smsinbox.application.port.ReplyAssistantFactory}. The assistant is made on
 * first use, so an inbox that never drafts never loads a model.
 */
public interface ReplyAssistantFactory extends ExtensionFactory<ReplyAssistant> {}
