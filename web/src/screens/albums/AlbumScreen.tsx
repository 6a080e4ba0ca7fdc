// Placeholder until the screen is built.
export default function AlbumScreen() {
  return <h1>AlbumScreen</h1>;
}
