// Placeholder until the screen is built.
export default function GalleryScreen() {
  return <h1>GalleryScreen</h1>;
}
