package org.ncsha.it;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * A relying party's half of the OpenID Connect code flow, by hand, against the Operations
 * Center's provider (the administrator's Basic login at the authorization endpoint, which
 * Liberty's provider takes as a browser's form login): the code, the token request with the
 * client's secret, and the ID token's RS256 signature checked against a key set. What an
 * instance's Liberty does on a sign-in, without a browser, so that a test can show which key
 * signed a server's tokens.
 */
final class OidcSignIn {
  static final String PROVIDER = "/oidc/endpoint/ncs";

  private final Pair pair;
  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;

  OidcSignIn(Pair pair, String clientId, String clientSecret, String redirectUri) {
    this.pair = pair;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.redirectUri = redirectUri;
  }

  /** The client's registration through the provider's registration endpoint (an administrator's login). */
  HttpResponse<String> register(String node, String admin, String password) throws Exception {
    String body = jakarta.json.Json.createObjectBuilder().add("client_id", clientId).add("client_secret", clientSecret)
        .add("client_name", clientId).add("redirect_uris", jakarta.json.Json.createArrayBuilder().add(redirectUri))
        .add("grant_types", jakarta.json.Json.createArrayBuilder().add("authorization_code"))
        .add("response_types", jakarta.json.Json.createArrayBuilder().add("code"))
        .add("token_endpoint_auth_method", "client_secret_basic").add("scope", "openid profile")
        .add("preauthorized_scope", "openid profile").build().toString();
    return pair.post(node, 9443, PROVIDER + "/registration", admin, password, body);
  }

  /** Signs the user in at that server's provider; the ID token's claims once its signature checks with keys. */
  JsonObject signIn(String node, String user, String password, String keySet) throws Exception {
    String query = "response_type=code&scope=openid&state=it&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirectUri);
    HttpResponse<String> authorized = pair.get(node, 9443, PROVIDER + "/authorize?" + query, user, password);
    String location = authorized.headers().firstValue("Location").orElseThrow(
        () -> new AssertionError("no redirect from the authorization endpoint: " + authorized.statusCode() + " " + authorized.body()));
    String code = parameter(URI.create(location).getRawQuery(), "code");
    HttpResponse<String> token = pair.postForm(node, 9443, PROVIDER + "/token", clientId, clientSecret,
        "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri));
    if (token.statusCode() != 200) {
      throw new AssertionError("token request: " + token.statusCode() + " " + token.body());
    }
    return verified(Json.field(token.body(), "id_token"), keySet);
  }

  /** The token's claims, when the key of its header's kid in the key set signed it; else an AssertionError. */
  static JsonObject verified(String jwt, String keySet) throws Exception {
    String[] parts = jwt.split("\\.");
    JsonObject header = (JsonObject) Json.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    JsonObject key = ((JsonObject) Json.parse(keySet)).getJsonArray("keys").getValuesAs(JsonObject.class).stream()
        .filter(k -> k.getString("kid").equals(header.getString("kid"))).findFirst()
        .orElseThrow(() -> new AssertionError("the key set has no key " + header.getString("kid") + ": " + keySet));
    PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("n"))),
        new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("e")))));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(publicKey);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!"RS256".equals(header.getString("alg")) || !rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
      throw new AssertionError("the ID token's signature does not check with key " + header.getString("kid"));
    }
    return (JsonObject) Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private static String parameter(String query, String name) {
    for (String p : query.split("&")) {
      if (p.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + query);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
