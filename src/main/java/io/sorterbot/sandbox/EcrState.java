package io.sorterbot.sandbox;

import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * The ECR state of one region of the sandbox account, persisted by {@link SandboxAccount} under
 * {@code services.ecr.<region>}: repositories keyed by name (unique per registry and region).
 */
public final class EcrState {
  public TreeMap<String, RepositoryRec> repositories = new TreeMap<>();

  public static final class RepositoryRec {
    public String name;
    public String arn;
    public String uri;
    /** ISO-8601 instant of creation, from the account's ticker. */
    public String createdAt;
    public String imageTagMutability = "MUTABLE";
    public boolean scanOnPush;
    /** The lifecycle policy text as sent, or null. */
    public String lifecyclePolicy;
    public LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    /** Images by digest: only what deletes need (a repository holding images needs {@code force}). */
    public TreeMap<String, ImageRec> images = new TreeMap<>();
  }

  public static final class ImageRec {
    public String digest;
    public String tag;
    public String pushedAt;
  }
}
