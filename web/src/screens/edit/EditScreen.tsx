// Placeholder until the screen is built.
export default function EditScreen() {
  return <h1>EditScreen</h1>;
}
