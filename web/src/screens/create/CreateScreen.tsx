// Placeholder until the screen is built.
export default function CreateScreen() {
  return <h1>CreateScreen</h1>;
}
