package dev.smsinbox.adapter.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** JSON as CONTRACT.md writes it: absent values are explicit nulls, not missing fields. */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {

  private static final Jsonb JSONB = create();

  public static Jsonb create() {
    return JsonbBuilder.create(new JsonbConfig().withNullValues(true));
  }

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
