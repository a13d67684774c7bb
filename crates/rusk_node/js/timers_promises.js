// placeholder: being written
export default {};
