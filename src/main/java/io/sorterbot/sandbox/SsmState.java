package io.sorterbot.sandbox;

import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * The Parameter Store of one region of the sandbox account, persisted under {@code services.ssm.<region>}.
 * Holds only the account's own parameters: AWS's public ones ({@code /aws/service/...}) are constants of
 * {@link FakeSsmParameters}, never written here.
 */
public final class SsmState {
  /** By parameter name (case-sensitive, as in SSM). */
  public TreeMap<String, ParamRec> parameters = new TreeMap<>();

  public static final class ParamRec {
    public String name;
    /** String, StringList or SecureString. */
    public String type;
    /** Stored in clear: the simulated account is AWS's side, where the plaintext does exist. */
    public String value;
    public String description;
    /** Only for SecureString; {@code alias/aws/ssm} when the request gave none. */
    public String keyId;
    /** Standard or Advanced (Intelligent-Tiering resolves to one of them). */
    public String tier;
    public String dataType = "text";
    public long version;
    /** ISO-8601 instants from the account's ticker. */
    public String createdAt;
    public String lastModifiedDate;
    public LinkedHashMap<String, String> tags = new LinkedHashMap<>();
  }
}
