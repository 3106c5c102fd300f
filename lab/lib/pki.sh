# A lab CA and per-site certificates (RSA 2048: charon's gmp/pkcs1 plugins and GnuTLS both take them).
# Files under $S/pki: ca.crt; <site>.crt/.key (IKE identity and libvirtd/QEMU server); client.crt/.key;
# slm-web.crt/.key (the product's HTTPS server certificate for localhost / 127.0.0.1 / ::1).
# libvirt and QEMU want their own file names: per-site folders of links are made for them.

pki_up() {
  local d=$S/pki
  mkdir -p "$d"
  chmod 700 "$d"
  if [ ! -s "$d/ca.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=slm-lab CA" \
      -keyout "$d/ca.key" -out "$d/ca.crt" >/dev/null 2>&1
  fi
  local site
  for site in $SITES; do
    issue "$site" "$site.slm-lab" "subjectAltName=IP:${WAN_ADDR[$site]},DNS:$site.slm-lab
extendedKeyUsage=serverAuth,clientAuth"
  done
  issue client "client.slm-lab" "extendedKeyUsage=clientAuth"
  # The product's own web server (Tasklist, Cockpit, REST): browsers and tests reach it as localhost
  issue slm-web "localhost" "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth"
  # The client side a libvirtd uses for a peer-to-peer migration to the other site (?pkipath=)
  mkdir -p "$d/libvirt-client"
  ln -sf "$d/ca.crt" "$d/libvirt-client/cacert.pem"
  ln -sf "$d/client.crt" "$d/libvirt-client/clientcert.pem"
  ln -sf "$d/client.key" "$d/libvirt-client/clientkey.pem"
  for site in $SITES; do
    # QEMU's migration TLS (migrate_tls_x509_cert_dir): the same site cert serves both directions
    local q=$d/$site-qemu
    mkdir -p "$q"
    ln -sf "$d/ca.crt" "$q/ca-cert.pem"
    ln -sf "$d/$site.crt" "$q/server-cert.pem"
    ln -sf "$d/$site.key" "$q/server-key.pem"
    ln -sf "$d/$site.crt" "$q/client-cert.pem"
    ln -sf "$d/$site.key" "$q/client-key.pem"
  done
}

issue() { # issue NAME CN EXTENSIONS
  local d=$S/pki
  [ -s "$d/$1.crt" ] && return 0
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$d/$1.key" -out "$d/$1.csr" >/dev/null 2>&1
  printf '%s\n' "$3" >"$d/$1.ext"
  openssl x509 -req -in "$d/$1.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 3650 \
    -extfile "$d/$1.ext" -out "$d/$1.crt" >/dev/null 2>&1
  chmod 600 "$d/$1.key"
  rm -f "$d/$1.csr" "$d/$1.ext"
}
