package io.sorterbot.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource as found in AWS.
 *
 * @param sbid       value of the SBID tag
 * @param stackTag   value of the SBStack tag, or null when absent
 * @param id         provider id (vpc-..., ARN, name: whatever identifies it for the API)
 * @param properties normalised properties, in the same shape and names as the file's
 * @param attributes readable attributes (always includes {@code id})
 * @param tags       every tag on the resource (SBID, SBStack included)
 * @param refs       provider ids of other resources it points at (orders deletes of pruned resources)
 * @param createdAt  creation time if the API reports one (oldest wins among duplicates), else null
 */
public record LiveResource(String sbid, String type, String stackTag, String id,
                           Map<String, Object> properties, Map<String, Object> attributes,
                           Map<String, String> tags, List<String> refs, Instant createdAt) {

  public LiveResource {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    refs = List.copyOf(refs);
  }

  /** The SBDeletionPolicy tag says retain. */
  public boolean retained() { return "retain".equals(tags.get(Tags.DELETION_POLICY)); }
}
