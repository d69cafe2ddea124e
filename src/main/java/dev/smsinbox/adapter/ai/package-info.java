/**
 * ReplyAssistant implementations, each made by a factory named by {@code ai.provider}: {@code
 * embedded} (offline, the default: retrieval with an in-process MiniLM embedding model and drafts
 * composed only from the admin's own material) and {@code openai} (any OpenAI-compatible chat
 * endpoint through LangChain4j).
 */
package dev.smsinbox.adapter.ai;
