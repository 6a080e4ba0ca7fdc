// Placeholder until the screen is built.
export default function TrashScreen() {
  return <h1>TrashScreen</h1>;
}
