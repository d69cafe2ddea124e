/**
 * ReplyAssistant implementations, each made by a ReplyAssistantFactory named by {@code ai.provider}
 * and listed in {@code META-INF/services/dev.smsinbox.application.port.ReplyAssistantFactory}:
 * {@code embedded} (offline, the default: retrieval with an in-process MiniLM embedding model and
 * drafts composed only from the admin's own material) and {@code openai} (any OpenAI-compatible
 * chat endpoint through LangChain4j).
 */
package dev.smsinbox.adapter.ai;
