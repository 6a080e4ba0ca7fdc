/**
 * Makes images carrying real Content Credentials for tests: a throwaway certificate authority and signing certificate
 * (ECDSA P-256, the C2PA certificate profile), and a manifest store signed with them over the image's bytes.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { JPEG, PNG } from '@trustnxt/c2pa-ts/asset';
import { CoseAlgorithmIdentifier, LocalSigner } from '@trustnxt/c2pa-ts/cose';
import { DataHashAssertion, ManifestStore } from '@trustnxt/c2pa-ts/manifest';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';
x509.cryptoProvider.set(webcrypto as Crypto);

async function signingCredentials(): Promise<LocalSigner> {
  const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 86_400_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=Atelier test CA', notBefore, notAfter, keys: caKeys, signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02', subject: 'CN=Atelier test image provider', issuer: ca.subject, notBefore, notAfter,
    publicKey: keys.publicKey, signingKey: caKeys.privateKey, signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([DOCUMENT_SIGNING]),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return new LocalSigner(pkcs8, CoseAlgorithmIdentifier.ES256, leaf, [ca]);
}

/** The JPEG or PNG with a signed C2PA manifest store whose data hash covers its bytes. */
export async function withContentCredentials(image: Buffer, mime: 'image/jpeg' | 'image/png'): Promise<Buffer> {
  const signer = await signingCredentials();
  const asset = mime === 'image/jpeg' ? new JPEG(new Uint8Array(image)) : new PNG(new Uint8Array(image));
  const store = new ManifestStore();
  const manifest = store.createManifest({ assetFormat: mime, instanceID: 'xmp:iid:atelier-test', defaultHashAlgorithm: 'SHA-256', signer });
  const hash = DataHashAssertion.create('SHA-256');
  manifest.addAssertion(hash);
  await asset.ensureManifestSpace(store.measureSize());
  await hash.updateWithAsset(asset);
  await manifest.sign(signer);
  await asset.writeManifestJUMBF(store.getBytes());
  return Buffer.from(await asset.getDataRange());
}
