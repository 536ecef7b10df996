/**
 * `bench:sync --trace-headers`: gives every generated message the transport
 * headers real mail arrives with — Received hops, DKIM and ARC signatures,
 * Authentication-Results, provider stamps: about 3 KB, most of a real header
 * block. The demo generator writes only the headers a client reads, which
 * hides what fetching whole header blocks would cost on a real mailbox.
 * Deterministic: the same message gets the same lines in every run.
 */

function pseudoRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(next: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE64[Math.floor(next() * 64)];
  return out;
}

/** A signature's b= value folded as signers fold it, 72 characters a line. */
function folded(value: string): string {
  return value.replace(/.{1,72}/g, '\r\n\t$&').slice(3);
}

function rfc5322(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export function withTraceHeaders(raw: Buffer, index: number, date: number): Buffer {
  const next = pseudoRandom(index * 2_654_435_761 + 1);
  const host = `mail-${Math.floor(next() * 90) + 10}.outbound.example`;
  const ip = `198.51.100.${Math.floor(next() * 250) + 1}`;
  const when = (offsetSeconds: number): string => rfc5322(date + offsetSeconds * 1000);
  const id = (): string => base64(next, 12).replace(/[+/]/g, 'x');
  const lines = [
    `Return-Path: <bounce-${id()}@${host}>`,
    `Delivered-To: support@northwind-demo.test`,
    `Received: from mx.northwind-demo.test\r\n\tby imap.northwind-demo.test with LMTP\r\n\tid ${id()}\r\n\t(envelope-from <bounce@${host}>)\r\n\tfor <support@northwind-demo.test>; ${when(3)}`,
    `Received: from ${host} (${host} [${ip}])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\r\n\tkey-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\r\n\t(No client certificate requested)\r\n\tby mx.northwind-demo.test (Postfix) with ESMTPS id ${id()}\r\n\tfor <support@northwind-demo.test>; ${when(2)}`,
    `Received: by ${host} with SMTP id ${id()}\r\n\tfor <support@northwind-demo.test>; ${when(1)}`,
    `ARC-Seal: i=1; a=rsa-sha256; t=${Math.floor(date / 1000)}; cv=none;\r\n\td=outbound.example; s=arc-20240605;\r\n\tb=${folded(base64(next, 344))}`,
    `ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=outbound.example; s=arc-20240605;\r\n\th=to:subject:message-id:date:from:mime-version:dkim-signature;\r\n\tbh=${base64(next, 43)}=;\r\n\tfh=${base64(next, 43)}=;\r\n\tb=${folded(base64(next, 344))}`,
    `ARC-Authentication-Results: i=1; mx.outbound.example;\r\n\tdkim=pass header.i=@outbound.example header.s=20230601 header.b=${base64(next, 8)};\r\n\tspf=pass (outbound.example: domain of bounce@${host} designates ${ip} as permitted sender) smtp.mailfrom=bounce@${host};\r\n\tdmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=outbound.example`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n\td=outbound.example; s=20230601; t=${Math.floor(date / 1000)}; x=${Math.floor(date / 1000) + 604_800}; darn=northwind-demo.test;\r\n\th=to:subject:message-id:date:from:mime-version:from:to:cc:subject\r\n\t:date:message-id:reply-to;\r\n\tbh=${base64(next, 43)}=;\r\n\tb=${folded(base64(next, 344))}`,
    `X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n\td=1e100.net; s=20230601; t=${Math.floor(date / 1000)};\r\n\th=to:subject:message-id:date:from:mime-version:x-gm-message-state;\r\n\tbh=${base64(next, 43)}=;\r\n\tb=${folded(base64(next, 344))}`,
    `X-Gm-Message-State: ${folded(base64(next, 100))}`,
    `X-Google-Smtp-Source: AGHT+${base64(next, 80)}`,
    `X-Received: by 2002:a05:6a20:${id()} with SMTP id ${id()};\r\n\t${when(1)}`,
    `Authentication-Results: mx.northwind-demo.test;\r\n\tdkim=pass (2048-bit key; unprotected) header.d=outbound.example header.i=@outbound.example header.b="${base64(next, 8)}";\r\n\tdkim-atps=neutral`,
    `Received-SPF: Pass (mailfrom) identity=mailfrom; client-ip=${ip}; helo=${host}; envelope-from=bounce@${host}; receiver=support@northwind-demo.test`,
  ];
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'), raw]);
}
