package org.ncsha.web;

import org.ncsha.peer.BandwidthTickets;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.ncsha.ha.Command;
import org.ncsha.ha.FailoverType;
import org.ncsha.monitor.AuthKeyChange;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.LocalHealth;
import org.ncsha.monitor.PeerLink;
import org.ncsha.monitor.SecondaryCopy;
import org.ncsha.peer.AuthKeyMessage;
import org.ncsha.peer.BandwidthProtocol;
import org.ncsha.peer.FileMessages;
import org.ncsha.peer.HelloMessage;
import org.ncsha.peer.PeerCommandMessage;
import org.ncsha.peer.PeerDestination;
import org.ncsha.peer.PeerSignature;
import org.ncsha.peer.ReadinessRequest;
import org.ncsha.peer.RegisterMessage;
import org.ncsha.peer.ReplayGuard;
import org.ncsha.peer.SaltMessage;
import org.ncsha.peer.SoftwareMessages;
import org.ncsha.security.AuthKeyRule;

/**
 * The peer protocol on the HM port: what the other Health Monitor calls. Every request and
 * answer is signed with the key-derived secret; an unsigned or wrongly signed request is 401.
 */
@Path("/peer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PeerResource {
  private static final Logger LOG = Logger.getLogger(PeerResource.class.getName());
  private static final Jsonb JSON = JsonbBuilder.create();
  /** Shared by all requests: JAX-RS creates a resource instance per request. */
  private static final ReplayGuard REPLAYS = new ReplayGuard(PeerSignature.MAX_SKEW);
  /** Unsigned requests are what a stranger sends many of: logged once a minute with a count. */
  private static final ThrottledLog REFUSALS = new ThrottledLog(java.time.Duration.ofMinutes(1));

  @Inject PeerLink link;
  @Inject org.ncsha.node.NodeSettings node;
  @Inject HaEngine engine;
  @Inject org.ncsha.store.HaStore store;
  @Inject LocalHealth health;
  @Inject SecondaryCopy copy;
  @Inject AuthKeyChange keyChange;
  @Inject org.ncsha.registration.ReadinessProbe readinessProbe;
  @Inject BandwidthTickets tickets;
  @Inject org.ncsha.software.UpdateLedger software;
  @Inject org.ncsha.software.BundleUploads uploads;
  @Inject org.ncsha.monitor.AddressWatch addresses;
  @Inject org.ncsha.software.UpdateInstaller installer;
  @Inject org.ncsha.files.FileSync files;
  @Inject org.ncsha.registration.HaAdministration administration;
  @Context HttpHeaders headers;
  @Context jakarta.servlet.http.HttpServletRequest servletRequest;
  /** The secret the current request was signed with (JAX-RS makes one instance per request). */
  private String requestSecret;

  /**
   * The salt of this server's peer secret, unsigned: a salt is not secret, and the primary needs
   * it to derive the pair's secret before it can sign anything.
   */
  @jakarta.ws.rs.GET
  @Path("/salt")
  public SaltMessage salt() {
    SaltMessage answer = new SaltMessage();
    answer.salt = link.keys().peerSalt();
    return answer;
  }

  @POST
  @Path("/hello")
  public Response hello(String body) {
    return guarded("/api/peer/hello", body, path -> {
      HelloMessage theirs = JSON.fromJson(body, HelloMessage.class);
      link.pin(theirs.fingerprint);
      HelloMessage mine = new HelloMessage();
      mine.address = link.ownAddress();
      mine.fingerprint = link.ownFingerprint();
      mine.installedAsSecondary = engine.config().role() == org.ncsha.ha.Role.SECONDARY;
      mine.state = engine.status().state().displayName();
      mine.version = software.patchLevel();
      return signed(path, mine);
    });
  }

  @POST
  @Path("/heartbeat")
  public Response heartbeat(String body) {
    return guarded("/api/peer/heartbeat", body, path -> {
      try {
        org.ncsha.peer.HeartbeatMessage theirs = JSON.fromJson(body, org.ncsha.peer.HeartbeatMessage.class);
        engine.peerAnnounced(theirs.state);
        addresses.peerAnnounced(engine.config().peerAddress(), theirs.address, engine.status().state());
      } catch (jakarta.json.bind.JsonbException e) {
        // What the peer says of itself only speeds things up; the answer is this server's heartbeat all the same.
        LOG.fine("An unreadable heartbeat from the peer: " + e.getMessage());
      }
      return signed(path, link.ownHeartbeat(engine.config(), engine.status().state(), health.last(), engine.loopAge()));
    });
  }

  @POST
  @Path("/register")
  public Response register(String body) {
    return guarded("/api/peer/register", body, path -> {
      RegisterMessage request = JSON.fromJson(body, RegisterMessage.class);
      try {
        copy.reset();
        engine.submit(new Command.AcceptRegistration(request.primaryAddress, FailoverType.fromWireName(request.failoverType),
            request.failbackType == null ? null : org.ncsha.ha.FailbackType.fromWireName(request.failbackType)));
        // Notification settings and the virtual IP: kept beside the HA state, for the secondary's
        // own mails and for when it serves.
        store.updateConfig(row -> {
          row.setRegisteredAddress(node.address());
          row.setEmails(org.ncsha.mail.EmailList.format(request.emails));
          row.setVirtualIpv4(request.virtualIpv4);
          row.setVirtualIpv6(request.virtualIpv6);
        });
        engine.reloadConfig();
      } catch (CommandRefusedException | IllegalArgumentException e) {
        return signed(path, Response.Status.CONFLICT, Map.of("message", e.getMessage()));
      }
      return signed(path, copy.progress());
    });
  }

  @POST
  @Path("/copy-progress")
  public Response copyProgress(String body) {
    return guarded("/api/peer/copy-progress", body, path -> signed(path, copy.progress()));
  }

  @POST
  @Path("/command")
  public Response command(String body) {
    return guarded("/api/peer/command", body, path -> {
      try {
        PeerCommandMessage message = JSON.fromJson(body, PeerCommandMessage.class);
        engine.submit(message.toCommand());
        if (message.settingsEmails() != null) {
          // The other server's administrator changed the pair's settings: the mail list too.
          administration.storeEmails(org.ncsha.mail.EmailList.parse(message.settingsEmails()), "on the peer");
        }
      } catch (CommandRefusedException | IllegalArgumentException e) {
        return signed(path, Response.Status.CONFLICT, Map.of("message", e.getMessage()));
      }
      return signed(path, Map.of("message", "accepted"));
    });
  }

  /** The other server is about to measure the link: the one ticket the bandwidth listener admits. */
  @POST
  @Path("/bandwidth-ticket")
  public Response bandwidthTicket(String body) {
    return guarded(BandwidthProtocol.TICKET_PATH, body,
        path -> signed(path, Map.of("ticket", tickets.issue(Instant.now()))));
  }

  /** The other server's readiness run asks for this server's facts, measured towards it. */
  @POST
  @Path("/readiness")
  public Response readiness(String body) {
    return guarded("/api/peer/readiness", body, path -> {
      ReadinessRequest request = JSON.fromJson(body, ReadinessRequest.class);
      if (request.asker == null || request.asker.isBlank()) {
        return signed(path, Response.Status.BAD_REQUEST, Map.of("message", "asker: the address of the server asking is required"));
      }
      return signed(path, readinessProbe.collect(request.asker));
    });
  }

  @POST
  @Path("/authkey")
  public Response authKey(String body) {
    return guarded("/api/peer/authkey", body, path -> {
      AuthKeyMessage request = JSON.fromJson(body, AuthKeyMessage.class);
      var violation = AuthKeyRule.violation(request.key);
      if (violation.isPresent()) {
        return signed(path, Response.Status.CONFLICT, Map.of("message", violation.get()));
      }
      // Kept as an offer: taken when the other server signs with it. An offer that arrives after
      // its sender gave up is never used that way, and lapses.
      String refusal = keyChange.offerFromPeer(request.key);
      if (refusal != null) {
        return signed(path, Response.Status.CONFLICT, Map.of("message", refusal));
      }
      return signed(path, Map.of("message", "offered"));
    });
  }

  /** File sync: this server's manifest of the classes the sending (active) server asks about. */
  @POST
  @Path("/files/manifest")
  public Response fileManifest(String body) {
    return guarded(FileMessages.MANIFEST_PATH, body, path -> fileSync(path,
        () -> files.manifestForPeer(JSON.fromJson(body, FileMessages.ManifestRequest.class))));
  }

  /**
   * File sync: a batch of files, streamed. The signature covers the batch's list (each file's
   * path, size and SHA-256), read first; a file takes its place only when what arrived matches.
   */
  @POST
  @Path("/files/batch")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public Response fileBatch(java.io.InputStream content) {
    return guardedStream(FileMessages.BATCH_PATH, content, (path, signed) -> fileSync(path, () -> {
      FileMessages.FileBatch batch = JSON.fromJson(signed, FileMessages.FileBatch.class);
      return files.receiveFromPeer(batch, content, org.ncsha.files.FileArea.Announced.listedWith(batch.files()));
    }));
  }

  /**
   * File sync: a batch of files, streamed, whose hashes follow the content in a trailer signed
   * under this request's time and nonce (the sender hashed each file while it sent it).
   */
  @POST
  @Path("/files/stream")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public Response fileStream(java.io.InputStream content) {
    return guardedStream(FileMessages.STREAM_PATH, content, (path, signed) -> fileSync(path,
        () -> files.receiveFromPeer(JSON.fromJson(signed, FileMessages.FileBatch.class), content, this::trailer)));
  }

  /** The hashes in a streamed batch's trailer, once its signature is checked. */
  private List<String> trailer(java.io.InputStream afterContent) throws org.ncsha.files.FileArea.Refused {
    try {
      FileMessages.Trailer trailer = JSON.fromJson(FileMessages.readTrailer(afterContent), FileMessages.Trailer.class);
      // The request's time and nonce were checked when it arrived.
      return FileMessages.checkedHashes(trailer, requestSecret, Long.parseLong(headers.getHeaderString(PeerSignature.TIME_HEADER)),
          headers.getHeaderString(PeerSignature.NONCE_HEADER), PeerSignature.requestScope(destination(), FileMessages.STREAM_PATH));
    } catch (java.io.IOException e) {
      throw new org.ncsha.files.FileArea.Refused(e.getMessage());
    } catch (jakarta.json.bind.JsonbException e) {
      throw new org.ncsha.files.FileArea.Refused("trailer: " + e.getMessage());
    }
  }


  /**
   * A streamed request: its signed part (which describes the content after it) is read first and
   * checked like any peer request; the handler then reads the content.
   */
  private Response guardedStream(String path, java.io.InputStream content,
      java.util.function.BiFunction<String, String, Response> handler) {
    String signed;
    try {
      signed = FileMessages.readSignedPart(content);
    } catch (java.io.IOException e) {
      REFUSALS.note(LOG, "Rejected a peer request to " + path + ": " + e.getMessage());
      return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
          .entity(Map.of("message", e.getMessage())).build();
    }
    return guarded(path, signed, checked -> handler.apply(checked, signed));
  }

  /**
   * A rolling update: the primary sends the bundle. The signed part names its SHA-256 and size;
   * it is kept (and verified like an upload) only when what arrived matches.
   */
  @POST
  @Path("/software/bundle")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public Response softwareBundle(java.io.InputStream content) {
    return guardedStream(SoftwareMessages.BUNDLE_PATH, content, (path, signed) -> softwareWork(path, () -> {
      SoftwareMessages.BundleOffer offer = JSON.fromJson(signed, SoftwareMessages.BundleOffer.class);
      var upload = uploads.upload(content, offer.sha256());
      return new SoftwareMessages.Reply("update " + upload.manifest().patchId() + " received and verified");
    }));
  }

  /** A rolling update: install the bundle sent before; this server, a standby, restarts. */
  @POST
  @Path("/software/install")
  public Response softwareInstall(String body) {
    return guarded(SoftwareMessages.INSTALL_PATH, body, path -> softwareWork(path, () -> {
      org.ncsha.ha.HaState state = engine.status().state();
      if (state != org.ncsha.ha.HaState.SECONDARY_SYNCING) {
        throw new org.ncsha.software.UpdateRefusedException("A rolling update installs on the secondary only while it is"
            + " the standby in Secondary Syncing; it is " + state.displayName());
      }
      var install = installer.install(JSON.fromJson(body, SoftwareMessages.InstallRequest.class).patchId());
      return new SoftwareMessages.Reply("installing update " + install.patchId() + "; ncs-ha restarts now");
    }));
  }

  /** A rolling update: this server's version and how the install of the patch asked about went. */
  @POST
  @Path("/software/status")
  public Response softwareStatus(String body) {
    return guarded(SoftwareMessages.STATUS_PATH, body, path -> softwareWork(path, () -> SoftwareMessages.SoftwareStatus.of(
        software.software(JSON.fromJson(body, SoftwareMessages.InstallRequest.class).patchId()))));
  }

  private interface SoftwareWork {
    Object run() throws org.ncsha.software.UpdateRefusedException, java.io.IOException;
  }

  /** A refused bundle or install is 409 with the reasons; nothing was changed. */
  private Response softwareWork(String path, SoftwareWork work) {
    try {
      return signed(path, work.run());
    } catch (org.ncsha.software.UpdateRefusedException e) {
      return signed(path, Response.Status.CONFLICT, Map.of("message", e.getMessage()));
    } catch (java.io.IOException | jakarta.json.bind.JsonbException e) {
      LOG.warning("Rolling update: could not take what the peer sent: " + e);
      return signed(path, Response.Status.INTERNAL_SERVER_ERROR, Map.of("message", "could not take the update on "
          + link.ownAddress() + ": " + e.getMessage()));
    }
  }

  /** File sync: files the sending server no longer has. */
  @POST
  @Path("/files/delete")
  public Response deleteFiles(String body) {
    return guarded(FileMessages.DELETE_PATH, body, path -> fileSync(path, () -> {
      files.deleteForPeer(JSON.fromJson(body, FileMessages.DeleteRequest.class).paths());
      return Map.of("message", "deleted");
    }));
  }

  private interface FileWork {
    Object run() throws Exception;
  }

  /** A file-sync request's answer: 409 on the server that sends, 400 for a refused path or file. */
  private Response fileSync(String path, FileWork work) {
    try {
      return signed(path, work.run());
    } catch (IllegalStateException e) {
      return signed(path, Response.Status.CONFLICT, Map.of("message", e.getMessage()));
    } catch (IllegalArgumentException | org.ncsha.files.FileArea.Refused | jakarta.json.bind.JsonbException e) {
      LOG.warning("File sync: refused what the peer sent: " + e.getMessage());
      return signed(path, Response.Status.BAD_REQUEST, Map.of("message", e.getMessage()));
    } catch (Exception e) {
      LOG.warning("File sync: could not apply what the peer sent: " + e);
      return signed(path, Response.Status.INTERNAL_SERVER_ERROR, Map.of("message", "file sync failed on " + link.ownAddress()));
    }
  }

  /** Runs the handler only for a fresh request signed with this node's key-derived secret. */
  private Response guarded(String path, String body, java.util.function.Function<String, Response> handler) {
    String destination = destination();
    if (!PeerDestination.namesThisServer(destination, link.ownAddress(), node.hmPort())) {
      REFUSALS.note(LOG, "Rejected a peer request to " + path + ": addressed to " + destination + ", not to this server");
      return refused(PeerSignature.Check.UNSIGNED);
    }
    String nonce = headers.getHeaderString(PeerSignature.NONCE_HEADER);
    PeerLink.RequestKey key = link.keyForRequest(headers.getHeaderString(PeerSignature.KEY_ID_HEADER));
    PeerSignature.Check check = PeerSignature.check(key.secret(), headers.getHeaderString(PeerSignature.TIME_HEADER),
        nonce, PeerSignature.requestScope(destination, path), body, headers.getHeaderString(PeerSignature.SIGNATURE_HEADER),
        Instant.now());
    if (check != PeerSignature.Check.VALID) {
      REFUSALS.note(LOG, "Rejected a peer request to " + path + ": " + (check == PeerSignature.Check.CLOCK_SKEW
          ? "signed at a time more than " + PeerSignature.MAX_SKEW.toSeconds() + " s from this server's clock"
          : "not signed with this node's authentication key"));
      return refused(check);
    }
    if (!REPLAYS.firstUse(nonce, Instant.now())) {
      LOG.warning("Rejected a replayed peer request to " + path + " (nonce seen before)");
      return refused(PeerSignature.Check.UNSIGNED);
    }
    // The answer is signed with the key the request used, which is the one its sender checks.
    requestSecret = key.secret();
    if (key.offered()) {
      // The other server signs with the key it offered: it has moved over, so this one does too.
      keyChange.takeOffered();
    }
    return handler.apply(path);
  }

  /**
   * The address and port the request was sent to: its Host header, or under HTTP/2 (which the
   * peer's client speaks) its :authority, which the container gives as the server name and port.
   */
  private String destination() {
    String host = headers.getHeaderString(HttpHeaders.HOST);
    if (host != null) {
      return host;
    }
    String name = servletRequest.getServerName();
    return (name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name) + ":" + servletRequest.getServerPort();
  }

  /**
   * A 401 that says why and carries this server's time, so a caller whose clock is off can
   * tell that from a wrong key and measure by how much.
   */
  private static Response refused(PeerSignature.Check why) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(PeerSignature.REFUSAL_HEADER, why.name())
        .header(PeerSignature.TIME_HEADER, Long.toString(Instant.now().toEpochMilli()))
        .build();
  }

  private Response signed(String path, Object answer) {
    return signed(path, Response.Status.OK, answer);
  }

  private Response signed(String path, Response.Status status, Object answer) {
    String json = JSON.toJson(answer);
    long now = Instant.now().toEpochMilli();
    String secret = requestSecret != null ? requestSecret : link.peerSecret();
    String nonce = headers.getHeaderString(PeerSignature.NONCE_HEADER);
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .header(PeerSignature.TIME_HEADER, Long.toString(now))
        .header(PeerSignature.SIGNATURE_HEADER, PeerSignature.sign(secret, now, nonce, PeerSignature.replyPath(path), json))
        .entity(json)
        .build();
  }
}
