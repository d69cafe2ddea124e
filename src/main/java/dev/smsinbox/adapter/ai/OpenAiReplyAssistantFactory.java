package dev.smsinbox.adapter.ai;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.smsinbox.application.port.ConfigScope;
import dev.smsinbox.application.port.ExtensionContext;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.application.port.ReplyAssistantFactory;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * {@code ai.provider=openai}: any OpenAI-compatible chat endpoint. Settings: {@code
 * ai.openai.base-url} (default the OpenAI API), {@code ai.openai.api-key}, {@code ai.openai.model}
 * (default gpt-4o-mini), {@code ai.openai.timeout} (ISO-8601, default PT20S).
 */
public class OpenAiReplyAssistantFactory implements ReplyAssistantFactory {

  public static final String ID = "openai";

  private String baseUrl;
  private String apiKey;
  private String model;
  private Duration timeout;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void init(ConfigScope config) {
    baseUrl = config.get("base-url", "https://api.openai.com/v1");
    // servers that need no key (a local llama.cpp, Ollama) still get a header
    apiKey = config.get("api-key", "none");
    model = config.get("model", "gpt-4o-mini");
    timeout = config.duration("timeout", Duration.ofSeconds(20));
  }

  @Override
  public ReplyAssistant create(ExtensionContext inbox) {
    OpenAiChatModel chat =
        OpenAiChatModel.builder()
            // HTTP/1.1: local OpenAI-compatible servers rarely speak h2c
            .httpClientBuilder(
                JdkHttpClient.builder()
                    .httpClientBuilder(
                        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
            .baseUrl(baseUrl)
            .apiKey(apiKey)
            .modelName(model)
            .timeout(timeout)
            .maxRetries(0)
            .temperature(0.2)
            .build();
    return new OpenAiReplyAssistant(chat, baseUrl, timeout);
  }
}
