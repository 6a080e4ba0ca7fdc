// Placeholder until the screen is built.
export default function AlbumsScreen() {
  return <h1>AlbumsScreen</h1>;
}
